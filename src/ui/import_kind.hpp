#pragma once
// What a file dropped on the viewer is imported as. The import panel's combo lists them in this order.
#include <string>
#include <vector>

#include "core/import/import_pipeline.hpp"

namespace pa::ui {

enum class ImportKind : int { Zones = 0, Parcels = 1, Ledger = 2 };
inline constexpr int kImportKindCount = 3;

/// A guess from the file name: spreadsheets are ledgers, names with zone / 园区 / 开发区 are zones, others
/// parcels.
ImportKind guess_import_kind(const std::string& path);

struct DroppedFile {
    std::string path;
    ImportKind kind = ImportKind::Zones;
};

/// The `parkatlas import` request for these files into `workspace`.
import::ImportRequest import_request_for(const std::vector<DroppedFile>& files, const std::string& workspace);

}  // namespace pa::ui

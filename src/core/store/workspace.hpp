#pragma once
// The workspace: one SpatiaLite file (WAL mode, checkpointed on close) with a versioned schema. It opens in QGIS
// as layers (zones, parcels with their indicators, projects, problems). See docs/architecture.md.
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/store/sqlite.hpp"

namespace pa::store {

inline constexpr int kSchemaVersion = 1;

class Workspace {
public:
    /// Opens an existing workspace; throws WorkspaceError when the file is missing, not a ParkAtlas workspace, or of
    /// a newer schema.
    static Workspace open(const std::string& path, bool read_only = true);
    /// Opens the workspace, creating the file and its schema when it does not exist yet.
    static Workspace open_or_create(const std::string& path);

    Workspace(Workspace&&) noexcept = default;
    Workspace& operator=(Workspace&&) noexcept = default;
    /// Checkpoints the WAL into the main file (when writable) so the .sqlite alone is complete.
    ~Workspace();

    Db& db() { return db_; }
    const std::string& path() const { return db_.path(); }
    bool read_only() const { return read_only_; }

    std::vector<Zone> load_zones(bool with_geom = true);
    /// Parcels ordered by id, with their stored ParcelStats.
    std::vector<Parcel> load_parcels(bool with_geom = true);
    std::vector<Project> load_projects();
    std::vector<Link> load_links();
    std::vector<Problem> load_problems();
    /// Value of a meta key ("" when absent): schema_version, created, data_source…
    std::string meta(const std::string& key);
    void set_meta(const std::string& key, const std::string& value);

private:
    Workspace(Db db, bool read_only) : db_(std::move(db)), read_only_(read_only) {}
    void create_schema();
    Db db_;
    bool read_only_ = true;
};

}  // namespace pa::store

#pragma once
// State of the viewer's 亩均 evaluation (panel_grade.cpp): the evaluation the worker computed
// (core/evaluation, the same code as `parkatlas grade`), the grade class of each parcel for the grade theme,
// and the grade filter. Part of ViewerState (app_state.hpp).
#include <memory>
#include <string>

#include "core/evaluation/grade.hpp"
#include "core/evaluation/review.hpp"

namespace pa::ui {

struct GradeResult {
    evaluation::Evaluation evaluation;
    evaluation::ParcelGrades parcels;
    std::vector<int> fulfilment;  // per parcel, the 履约 theme's class on the latest date of the data
};

struct GradeUiState {
    bool open = false;
    bool computing = false;
    std::string error;
    std::shared_ptr<const GradeResult> ready;  // null until computed for the open workspace
    const void* computed_for = nullptr;        // the MapData it was computed from
    unsigned shown = 0x3F;                     // grade filter: bit k keeps class k (A..D, not graded, none)
    // The card's 履约 section, computed when the selection changes (not every frame); the date it is for (the
    // latest in the data) once per workspace.
    int checks_for = -1;
    const void* checks_data = nullptr;
    analysis::Date checks_as_of;
    std::vector<evaluation::FulfilmentCheck> checks;
};

}  // namespace pa::ui

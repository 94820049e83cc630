#include "core/output/pdf_page.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>

#include "core/common/error.hpp"

namespace pa::output {

PaperSize paper_size(const std::string& paper, const std::string& orientation) {
    std::string p = paper;
    for (char& c : p) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    PaperSize s;
    // ISO 216, landscape, in points (1/72 inch).
    if (p == "A4")
        s = {841.89, 595.28};
    else if (p == "A3")
        s = {1190.55, 841.89};
    else if (p == "A2")
        s = {1683.78, 1190.55};
    else if (p == "A1")
        s = {2383.94, 1683.78};
    else if (p == "A0")
        s = {3370.39, 2383.94};
    else
        throw InputError("--paper '" + paper +
                         "' is not a paper size ParkAtlas prints; use A4, A3, A2, A1 or A0.");
    if (orientation == "portrait")
        std::swap(s.width_pt, s.height_pt);
    else if (orientation != "landscape")
        throw InputError("--orientation '" + orientation + "' must be landscape or portrait.");
    return s;
}

}  // namespace pa::output

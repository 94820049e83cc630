#include "core/common/json_file.hpp"

#include <fstream>
#include <sstream>

#include "core/common/error.hpp"

namespace pa {

int json_depth(const std::string& text, int limit) {
    int depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"')
            in_string = true;
        else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit) return deepest;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

nlohmann::json parse_json_text(const std::string& text, const std::string& what, const std::string& hint,
                               int max_depth) {
    if (json_depth(text, max_depth) > max_depth)
        throw InputError("The " + what + " nests arrays or objects more than " + std::to_string(max_depth) +
                         " deep, which no ParkAtlas file does; " + hint);
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw InputError("The " + what + " is not valid JSON (" + e.what() + "); " + hint);
    }
}

nlohmann::json read_json_file(const std::string& path, const std::string& what, const std::string& hint,
                              int max_depth) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("The " + what + " cannot be read; check the path.");
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw InputError("The " + what + " cannot be read (a read error); check the file.");
    return parse_json_text(ss.str(), what, hint, max_depth);
}

}  // namespace pa

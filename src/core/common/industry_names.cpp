#include "core/common/industry_names.hpp"

#include <filesystem>

#include "core/common/config_file.hpp"
#include "core/common/error.hpp"
#include "core/common/json_file.hpp"

namespace pa {

IndustryNames IndustryNames::load(const std::string& path) {
    IndustryNames n;
    std::error_code ec;
    if (path.empty() || !std::filesystem::is_regular_file(path, ec)) return n;
    const auto j =
        read_json_file(path, "industry names file '" + path + "'",
                       "give {\"names\": {\"电子信息制造\": \"Electronic information manufacturing\", …}}");
    if (!j.is_object() || !j.contains("names") || !j["names"].is_object())
        throw InputError("The industry names file '" + path +
                         "' has no \"names\" object; give {\"names\": {\"中文名\": \"English name\", …}}.");
    for (auto it = j["names"].begin(); it != j["names"].end(); ++it)
        if (it.value().is_string() && !it.value().get<std::string>().empty())
            n.names_[it.key()] = it.value().get<std::string>();
    return n;
}

IndustryNames IndustryNames::find_and_load(const std::vector<std::string>& fallback_dirs) {
    return load(find_config_file("industries.json", fallback_dirs));
}

const std::string& IndustryNames::en(const std::string& zh) const {
    auto it = names_.find(zh);
    return it == names_.end() ? zh : it->second;
}

}  // namespace pa

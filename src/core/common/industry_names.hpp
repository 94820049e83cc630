#pragma once
// English names of industries (产业类别) for English legends and tables: config/industries.json, found like
// the other configuration files (find_config_file). An industry the file does not name keeps its Chinese
// name.
#include <map>
#include <string>
#include <vector>

namespace pa {

class IndustryNames {
  public:
    IndustryNames() = default;
    /// Reads `path` (InputError naming the file when it is malformed); a missing file gives no names.
    static IndustryNames load(const std::string& path);
    /// Looks up config/industries.json (see find_config_file) and loads it.
    static IndustryNames find_and_load(const std::vector<std::string>& fallback_dirs = {});
    /// The English name, else `zh` itself.
    const std::string& en(const std::string& zh) const;
    /// The name in the chosen language.
    const std::string& name(const std::string& zh, bool english) const { return english ? en(zh) : zh; }
    bool empty() const { return names_.empty(); }

  private:
    std::map<std::string, std::string> names_;
};

}  // namespace pa

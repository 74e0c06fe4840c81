#include "sim/config/scenario_loader.hpp"

#include "sim/config/key_suggestion.hpp"
#include "sim/config/overrides.hpp"
#include "sim/config/scenario_checks.hpp"
#include "sim/config/scenario_sections.hpp"
#include "sim/config/yaml_fields.hpp"
#include "sim/config/yaml_text.hpp"
#include "sim/util/errors.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace afdsim {

namespace {

std::string read_scenario_file(const std::string& path)
{
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(path, "", "is a directory, not a scenario file");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(path, "", std::string("cannot read scenario file: ") + std::strerror(errno));
  // Read at most one byte past the limit: enough to refuse a huge file without loading it.
  std::string text(kMaxScenarioBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad())
    throw InputError(path, "", "cannot read scenario file");
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

std::string default_name(const std::string& source_name)
{
  std::string stem = std::filesystem::path(source_name).stem().string();
  return stem.empty() ? "scenario" : stem;
}

} // namespace

Scenario load_scenario(const std::string& path, const std::vector<std::string>& sets)
{
  std::string text = read_scenario_file(path);
  return load_scenario_text(text, path, std::filesystem::path(path).parent_path().string(), sets);
}

Scenario load_scenario_text(const std::string& yaml, const std::string& source_name, const std::string& base_dir,
                            const std::vector<std::string>& sets)
{
  check_scenario_text(yaml, source_name);
  YAML::Node root = parse_scenario_yaml(yaml, source_name);
  if (!root.IsDefined() || root.IsNull())
    throw InputError(source_name, "", "empty scenario; expected a map with keys " + join(scenario_top_keys()));

  YamlSource source(source_name);
  const std::string root_where = position_text(source_name, root.Mark());
  if (!root.IsMap()) {
    throw InputError(root_where, "",
                     "must be a map (key: value lines) with keys " + join(scenario_top_keys()) + "; got " +
                         describe_value(root));
  }
  apply_sets(root, sets, source);

  Scenario scenario;
  scenario.source_file = source_name;
  scenario.name = default_name(source_name);
  MapReader top(source, root, "", root_where, scenario_top_keys());
  read_scenario_sections(top, base_dir, scenario);
  check_scenario(scenario, source);
  return scenario;
}

} // namespace afdsim

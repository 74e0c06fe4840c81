#include "sim/sweep/sweep_spec.hpp"

#include "sim/config/key_suggestion.hpp"
#include "sim/config/overrides.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/config/scenario_sections.hpp"
#include "sim/config/scenario_yaml.hpp"
#include "sim/config/yaml_fields.hpp"
#include "sim/config/yaml_text.hpp"
#include "sim/sweep/sweep_axes.hpp"
#include "sim/sweep/sweep_filters.hpp"
#include "sim/util/errors.hpp"
#include "sim/util/fnv_hash.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace afdsim {

namespace {

const std::vector<std::string> kTopKeys = {"name", "description", "base", "set", "axes", "grids", "filters"};
const std::vector<std::string> kGridKeys = {"name", "set", "axes"};

std::string read_text(const std::string& path, const std::string& what)
{
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(path, "", "is a directory, not a " + what);
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(path, "", "cannot read " + what + ": " + std::strerror(errno));
  std::string text(kMaxScenarioBytes + 1, '\0');  // one byte past the limit is enough to refuse it
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

// A key the scenario does not have is the spec's mistake; any other refusal of a value may depend
// on the other axes (microbatches above a batch another axis raises) and is the point's.
void check_scenario_key(const std::string& base_file, const std::string& key, const std::string& value,
                        const std::string& where, const std::string& path)
{
  try {
    load_scenario(base_file, {key + "=" + value});
  } catch (const InputError& e) {
    const std::string message = e.what();
    for (size_t end = key.find('.');; end = key.find('.', end + 1)) {
      const std::string prefix = key.substr(0, end);
      for (const char* what : {": unknown key", ": holds "}) {
        const size_t at = message.find(": " + prefix + what);
        if (at != std::string::npos)
          throw InputError(where, path, "'" + key + "' is not a scenario key: " + message.substr(at + 2));
      }
      if (end == std::string::npos)
        break;
    }
  }
}

// The spec's `set`: a map of dotted keys to values, in order.
std::vector<std::pair<std::string, std::string>> read_set(YamlSource& source, const YAML::Node& node,
                                                          const std::string& set_path, std::vector<std::string>& wheres)
{
  std::vector<std::pair<std::string, std::string>> sets;
  if (!node.IsDefined() || node.IsNull())
    return sets;
  if (!node.IsMap()) {
    throw InputError(source.where(set_path, node.Mark()), set_path,
                     "must be a map of dotted scenario keys to values (deployment.microbatches: 2), got " +
                         describe_value(node));
  }
  for (const auto& key_value : node) {
    const YAML::Node key = key_value.first;
    const YAML::Node value = key_value.second;
    const std::string key_where = source.where(set_path, key.Mark());
    if (!key.IsScalar())
      throw InputError(key_where, set_path, "keys must be dotted scenario keys, got " + describe_value(key) + " as a key");
    const std::string path = set_path + "." + key.Scalar();
    check_dotted_key(key.Scalar(), key_where, path);
    for (const auto& [seen, _] : sets) {
      if (seen == key.Scalar())
        throw InputError(key_where, path, "duplicate key");
    }
    if (!value.IsDefined() || value.IsNull())
      throw InputError(key_where, path, "must have a value, got nothing");
    sets.emplace_back(key.Scalar(), value_text(value));
    wheres.push_back(key_where);
  }
  return sets;
}

// A grid's `axes` list. `spec` holds the sets every point gets, which an axis may not repeat.
std::vector<SweepAxis> read_axes(YamlSource& source, const MapReader& parent, const YAML::Node& axes,
                                 const SweepSpec& spec, const std::vector<std::string>& grid_sets = {})
{
  const std::string path_prefix = parent.key_path("axes");
  if (!axes.IsSequence() || axes.size() == 0)
    throw parent.error("axes", "must be a non-empty list of {key, values}, {key, range} or {zip: [...]}, got " +
                                   list_description(axes));
  std::vector<SweepAxis> out;
  std::vector<std::pair<std::string, std::string>> swept;  // key, path of its entry
  size_t points = 1;
  for (size_t i = 0; i < axes.size(); ++i) {
    const std::string path = path_prefix + "[" + std::to_string(i) + "]";
    SweepAxis axis = read_axis(source, axes[i], path);
    const std::string where = source.where(path, axes[i].Mark());
    for (const auto& axis_key : axis.keys) {
      for (const auto& [other, other_path] : swept) {
        if (other == axis_key.key)
          throw InputError(axis_key.where, axis_key.path, "'" + axis_key.key + "' is already swept by " + other_path);
      }
      for (const auto* sets : {&spec.sets, &grid_sets}) {
        for (const auto& set : *sets) {
          if (set.compare(0, axis_key.key.size() + 1, axis_key.key + "=") == 0)
            throw InputError(axis_key.where, axis_key.path,
                             "'" + axis_key.key + "' is also fixed by set (" + set + "); give it one place");
        }
      }
      check_scenario_key(spec.resolved_base_file, axis_key.key, axis_key.values.front(), axis_key.where, axis_key.path);
      swept.emplace_back(axis_key.key, axis_key.path);
    }
    if (points > kMaxSweepPoints / axis.size())
      throw InputError(where, path, "the axes so far give more than " + std::to_string(kMaxSweepPoints) +
                                        " points; split the study or screen it with fewer values");
    points *= axis.size();
    out.push_back(std::move(axis));
  }
  return out;
}

std::vector<SweepGrid> read_grids(YamlSource& source, const MapReader& top, const YAML::Node& node,
                                  const SweepSpec& spec)
{
  if (!node.IsSequence() || node.size() == 0)
    throw top.error("grids", "must be a non-empty list of {name, set, axes}, got " + list_description(node));
  std::vector<SweepGrid> grids;
  for (size_t g = 0; g < node.size(); ++g) {
    const std::string path = "grids[" + std::to_string(g) + "]";
    const std::string where = source.where(path, node[g].Mark());
    if (!node[g].IsMap())
      throw InputError(where, path, "must be a map {name, set, axes}, got " + describe_value(node[g]));
    const MapReader grid_map(source, node[g], path, where, kGridKeys);
    SweepGrid grid;
    grid_map.require("name", "the grid's label, the `grid` column of results.csv");
    grid_map.read("name", grid.name, false);
    for (const auto& other : grids) {
      if (other.name == grid.name)
        throw grid_map.error("name", "'" + grid.name + "' names two grids; names must be distinct");
    }
    std::vector<std::string> set_wheres;
    const auto sets = read_set(source, node[g]["set"], path + ".set", set_wheres);
    for (size_t i = 0; i < sets.size(); ++i) {
      check_scenario_key(spec.resolved_base_file, sets[i].first, sets[i].second, set_wheres[i],
                         path + ".set." + sets[i].first);
      grid.sets.push_back(sets[i].first + "=" + sets[i].second);
    }
    grid_map.require("axes", "the grid's swept keys");
    grid.axes = read_axes(source, grid_map, node[g]["axes"], spec, grid.sets);
    grids.push_back(std::move(grid));
  }
  return grids;
}

} // namespace

SweepSpec load_sweep_spec(const std::string& path, const std::vector<std::string>& cli_sets)
{
  const std::string text = read_text(path, "sweep spec");
  return load_sweep_spec_text(text, path, std::filesystem::path(path).parent_path().string(), cli_sets);
}

SweepSpec load_sweep_spec_text(const std::string& text, const std::string& source_name, const std::string& base_dir,
                               const std::vector<std::string>& cli_sets)
{
  check_scenario_text(text, source_name);
  const YAML::Node root = parse_scenario_yaml(text, source_name);
  const std::string root_where = position_text(source_name, root.Mark());
  if (!root.IsDefined() || root.IsNull())
    throw InputError(source_name, "", "empty sweep spec; expected a map with keys " + join(kTopKeys));
  if (!root.IsMap())
    throw InputError(root_where, "", "must be a map (key: value lines) with keys " + join(kTopKeys) + "; got " + describe_value(root));

  YamlSource source(source_name);
  const MapReader top(source, root, "", root_where, kTopKeys);
  SweepSpec spec;
  spec.source_file = source_name;
  spec.name = std::filesystem::path(source_name).stem().string();
  top.read("name", spec.name, false);
  top.read("description", spec.description, true);
  top.require("base", "the scenario every point starts from, relative to this file's folder");
  top.read("base", spec.base_file, false);
  spec.resolved_base_file = resolve_path(spec.base_file, base_dir);
  nlohmann::json base_json;
  try {
    base_json = to_json(load_scenario(spec.resolved_base_file));
  } catch (const InputError& e) {
    throw top.error("base", std::string("the base scenario does not load: ") + e.what());
  }
  spec.base_hash = fnv1a_64(read_text(spec.resolved_base_file, "scenario file"));

  std::vector<std::string> set_wheres;
  const auto fixed = read_set(source, root["set"], "set", set_wheres);
  for (size_t i = 0; i < fixed.size(); ++i) {
    check_scenario_key(spec.resolved_base_file, fixed[i].first, fixed[i].second, set_wheres[i], "set." + fixed[i].first);
    spec.sets.push_back(fixed[i].first + "=" + fixed[i].second);
  }
  for (const auto& arg : cli_sets) {
    const SetOverride set = parse_set(arg);
    check_scenario_key(spec.resolved_base_file, set.dotted_key, arg.substr(arg.find('=') + 1), "--set " + arg,
                       set.dotted_key);
    spec.sets.push_back(arg);
  }

  if (top.has("axes") == top.has("grids")) {
    throw top.error(top.has("axes") ? "grids" : "axes",
                    "give axes (one product of swept keys) or grids (several, each with its own set and axes), "
                    "exactly one of them");
  }
  if (top.has("axes")) {
    SweepGrid grid;
    grid.axes = read_axes(source, top, root["axes"], spec);
    spec.grids.push_back(std::move(grid));
  } else {
    spec.grids = read_grids(source, top, root["grids"], spec);
  }
  size_t points = 0;
  for (const auto& grid : spec.grids)
    points += grid.size();  // each grid is within the limit; a handful of grids cannot overflow
  if (points > kMaxSweepPoints)
    throw top.error(top.has("axes") ? "axes" : "grids", "give " + std::to_string(points) + " points, more than " +
                                                            std::to_string(kMaxSweepPoints) + "; split the study");
  spec.filters = read_filters(source, root["filters"], "filters", base_json);
  return spec;
}

size_t SweepGrid::size() const
{
  size_t n = 1;
  for (const auto& axis : axes)
    n *= axis.size();
  return n;
}

std::vector<std::string> parameter_keys(const SweepSpec& spec)
{
  std::vector<std::string> keys;
  for (const auto& grid : spec.grids)
    for (const auto& axis : grid.axes)
      for (const auto& key : axis.keys)
        if (std::find(keys.begin(), keys.end(), key.key) == keys.end())
          keys.push_back(key.key);
  return keys;
}

size_t point_count(const SweepSpec& spec)
{
  size_t n = 0;
  for (const auto& grid : spec.grids)
    n += grid.size();
  return n;
}

} // namespace afdsim

#include "sim/sweep/sweep_files.hpp"

#include "sim/util/errors.hpp"
#include "sim/util/fnv_hash.hpp"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace afdsim {

namespace fs = std::filesystem;

void write_text_atomically(const fs::path& path, const std::string& text)
{
  const fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp-" + std::to_string(getpid()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::error_code ignored;
      fs::remove(tmp, ignored);
      throw std::runtime_error("cannot write " + tmp.string());
    }
  }
  fs::rename(tmp, path);
}

std::string read_text_file(const fs::path& path, const std::string& what)
{
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(path.string(), "", "cannot read " + what);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string sweep_fingerprint(const SweepSpec& spec)
{
  uint64_t hash = fnv1a_64(std::to_string(spec.base_hash) + "\n");
  for (const auto& set : spec.sets)
    hash = fnv1a_64("set " + set + "\n", hash);
  for (const auto& grid : spec.grids) {
    hash = fnv1a_64("grid " + grid.name + "\n", hash);
    for (const auto& set : grid.sets)
      hash = fnv1a_64("set " + set + "\n", hash);
    for (const auto& axis : grid.axes) {
      hash = fnv1a_64("axis\n", hash);
      for (const auto& key : axis.keys) {
        hash = fnv1a_64("key " + key.key + "\n", hash);
        for (const auto& value : key.values)
          hash = fnv1a_64(value + "\n", hash);
      }
    }
  }
  for (const auto& filter : spec.filters)
    hash = fnv1a_64("filter " + filter.text + "\n", hash);
  char text[24];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

namespace {

std::vector<std::string> grid_names(const SweepSpec& spec)
{
  std::vector<std::string> names;
  for (const auto& grid : spec.grids)
    names.push_back(grid.name);
  return names;
}

} // namespace

nlohmann::json sweep_manifest(const SweepSpec& spec, const Shard& shard, bool analytic)
{
  return {{"name", spec.name},
          {"description", spec.description},
          {"spec", spec.source_file},
          {"base", spec.resolved_base_file},
          {"sets", spec.sets},
          {"parameters", parameter_keys(spec)},
          {"grids", grid_names(spec)},
          {"points", point_count(spec)},
          {"shard", shard.text()},
          {"analytic", analytic},
          {"fingerprint", sweep_fingerprint(spec)},
          {"afdsim_version", AFDSIM_VERSION}};
}

std::string results_text(const std::vector<std::string>& parameter_keys, const std::vector<ResultRow>& rows)
{
  std::string text = results_header(parameter_keys) + "\n";
  for (const auto& row : rows)
    text += results_line(row);
  return text;
}

std::string wall_times_text(const std::vector<WallTime>& rows)
{
  std::string text = std::string(kWallTimesHeader) + "\n";
  for (const auto& r : rows)
    text += std::to_string(r.index) + "," + r.id + "," + r.status + "," + r.run_wall_s + "," + r.run_cpu_s + "," +
            r.simulation_wall_s + "\n";
  return text;
}

} // namespace afdsim

#include "sim/sweep/sweep_merge.hpp"

#include "sim/config/number_text.hpp"
#include "sim/sweep/sweep_files.hpp"
#include "sim/util/errors.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace afdsim {

namespace fs = std::filesystem;

namespace {

struct Slice {
  fs::path dir;
  nlohmann::json manifest;
  std::string header;
  std::map<size_t, std::string> rows;       // point index -> line (with newline)
  std::map<size_t, std::string> ids;        // point index -> id
  std::map<size_t, std::string> wall_rows;  // point index -> wall_times.csv line
};

// The point index and id that start a results.csv or wall_times.csv line.
std::pair<size_t, std::string> index_and_id(const std::string& line, const fs::path& file, size_t line_number)
{
  const size_t comma = line.find(',');
  const size_t second = comma == std::string::npos ? std::string::npos : line.find(',', comma + 1);
  const auto index = comma == std::string::npos ? std::nullopt : parse_int64(line.substr(0, comma));
  if (!index || *index < 0 || second == std::string::npos)
    throw InputError(file.string() + ":" + std::to_string(line_number), "", "not a row of a sweep: '" + line + "'");
  return {static_cast<size_t>(*index), line.substr(comma + 1, second - comma - 1)};
}

Slice read_slice(const std::string& dir_text)
{
  Slice s;
  s.dir = fs::absolute(dir_text).lexically_normal();
  const fs::path manifest_file = s.dir / "sweep.json";
  if (!fs::exists(manifest_file))
    throw InputError(dir_text, "", "has no sweep.json: not the --out folder of an afdsim sweep");
  s.manifest = nlohmann::json::parse(read_text_file(manifest_file, "sweep manifest"), nullptr, false);
  if (s.manifest.is_discarded() || !s.manifest.is_object() || !s.manifest.contains("fingerprint") ||
      !s.manifest.contains("points"))
    throw InputError(manifest_file.string(), "", "is not a sweep manifest");
  std::istringstream results(read_text_file(s.dir / "results.csv", "sweep results"));
  std::string line;
  size_t number = 0;
  while (std::getline(results, line)) {
    ++number;
    if (number == 1) {
      s.header = line;
      continue;
    }
    const auto [index, id] = index_and_id(line, s.dir / "results.csv", number);
    if (!s.rows.emplace(index, line + "\n").second)
      throw InputError((s.dir / "results.csv").string(), "", "lists point " + std::to_string(index) + " twice");
    s.ids[index] = id;
  }
  std::ifstream walls(s.dir / "wall_times.csv");
  number = 0;
  while (std::getline(walls, line)) {
    if (++number > 1)
      s.wall_rows[index_and_id(line, s.dir / "wall_times.csv", number).first] = line + "\n";
  }
  return s;
}

nlohmann::json field(const nlohmann::json& manifest, const char* key)
{
  return manifest.contains(key) ? manifest[key] : nlohmann::json();
}

void check_same_sweep(const Slice& first, const Slice& other)
{
  for (const char* key : {"fingerprint", "points", "analytic", "parameters"}) {
    if (field(first.manifest, key) != field(other.manifest, key)) {
      throw InputError(other.dir.string(), "",
                       std::string("comes from another sweep than ") + first.dir.string() + " (sweep.json " + key +
                           " differs: " + field(other.manifest, key).dump() + " vs " +
                           field(first.manifest, key).dump() + ")");
    }
  }
  if (first.header != other.header)
    throw InputError((other.dir / "results.csv").string(), "", "has other columns than " + (first.dir / "results.csv").string());
}

std::string missing_text(const std::vector<size_t>& missing, size_t points)
{
  std::string text = std::to_string(missing.size()) + " of " + std::to_string(points) + " points are in none of the folders (";
  for (size_t i = 0; i < missing.size() && i < 10; ++i)
    text += (i ? ", " : "") + std::to_string(missing[i]);
  return text + (missing.size() > 10 ? ", ..." : "") + "); give the folder of every shard";
}

} // namespace

MergeSummary merge_sweeps(const MergeOptions& options)
{
  if (options.dirs.empty())
    throw InputError("merge", "", "give the sweep folders to merge");
  std::vector<Slice> slices;
  for (const auto& dir : options.dirs)
    slices.push_back(read_slice(dir));
  const Slice& first = slices.front();
  const size_t points = first.manifest["points"].get<size_t>();
  std::map<size_t, const Slice*> owner;
  for (const auto& slice : slices) {
    check_same_sweep(first, slice);
    for (const auto& [index, line] : slice.rows) {
      if (index >= points)
        throw InputError((slice.dir / "results.csv").string(), "",
                         "lists point " + std::to_string(index) + " but the sweep has " + std::to_string(points));
      const auto [it, inserted] = owner.emplace(index, &slice);
      if (!inserted && it->second->dir != slice.dir)
        throw InputError(slice.dir.string(), "", "holds point " + std::to_string(index) + ", which " +
                                                     it->second->dir.string() + " holds too (the same shard twice?)");
    }
  }
  std::vector<size_t> missing;
  for (size_t i = 0; i < points; ++i)
    if (owner.count(i) == 0)
      missing.push_back(i);
  if (!missing.empty())
    throw InputError("merge", "", missing_text(missing, points));

  const fs::path out = fs::absolute(options.out_dir).lexically_normal();
  std::error_code ec;
  if (fs::exists(out, ec) && !fs::is_directory(out, ec))
    throw InputError("--out", options.out_dir, "exists and is not a folder");
  fs::create_directories(out, ec);
  if (ec)
    throw InputError("--out", options.out_dir, "cannot create the folder: " + ec.message());

  std::string results = first.header + "\n";
  std::string walls = std::string(kWallTimesHeader) + "\n";
  for (const auto& [index, slice] : owner) {
    results += slice->rows.at(index);
    const auto wall = slice->wall_rows.find(index);
    if (wall != slice->wall_rows.end())
      walls += wall->second;
    const fs::path from = slice->dir / "points" / slice->ids.at(index);
    const fs::path to = out / "points" / slice->ids.at(index);
    if (slice->dir != out && fs::exists(from)) {
      fs::create_directories(to);
      fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    }
  }
  nlohmann::json manifest = first.manifest;
  manifest["shard"] = "0/1";
  write_text_atomically(out / "results.csv", results);
  write_text_atomically(out / "wall_times.csv", walls);
  write_text_atomically(out / "sweep.json", manifest.dump(2) + "\n");
  const nlohmann::json name = field(manifest, "name");
  return {name.is_string() ? name.get<std::string>() : "", points, slices.size(), (out / "results.csv").string()};
}

} // namespace afdsim

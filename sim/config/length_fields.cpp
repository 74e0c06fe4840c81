#include "sim/config/length_fields.hpp"

#include "sim/config/number_text.hpp"
#include "sim/config/scenario_sections.hpp"
#include "sim/workload/csv_cells.hpp"
#include "sim/workload/length_table.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace afdsim {

namespace {

// The keys each kind takes besides `dist`.
const std::map<std::string, std::vector<std::string>>& keys_by_kind()
{
  static const std::map<std::string, std::vector<std::string>> keys = {
      {"fixed", {"value"}}, {"uniform", {"min", "max"}}, {"geometric", {"mean"}}, {"lognormal", {"mean", "sigma"}},
      {"empirical", {"file"}}};
  return keys;
}

std::string join_keys(const std::vector<std::string>& keys)
{
  std::string s;
  for (const auto& k : keys)
    s += (s.empty() ? "" : ", ") + k;
  return s;
}

LengthDistribution read_table(const MapReader& map, const std::string& base_dir)
{
  std::string file;
  map.read("file", file, false);
  const std::string resolved = resolve_path(file, base_dir);
  const std::string key = map.key_path("file");
  LengthDistribution d =
      parse_length_table_csv(read_input_file(resolved, "length table", map.where("file"), key), resolved, key);
  d.file = file;
  d.resolved_file = resolved;
  return d;
}

LengthDistribution read_map(const MapReader& map, const std::string& base_dir)
{
  map.require("dist", "the distribution: fixed, uniform, geometric, lognormal or empirical");
  std::string kind;
  map.read_choice("dist", kind, {"fixed", "uniform", "geometric", "lognormal", "empirical"});
  const std::vector<std::string>& keys = keys_by_kind().at(kind);
  for (const std::string key : {"value", "min", "max", "mean", "sigma", "file"}) {
    const bool allowed = std::find(keys.begin(), keys.end(), key) != keys.end();
    if (map.has(key) && !allowed)
      throw map.error(key, "not a parameter of dist " + kind + " (it takes " + join_keys(keys) + ")");
    if (!map.has(key) && allowed)
      map.require(key, "a parameter of dist " + kind + " (it takes " + join_keys(keys) + ")");
  }
  LengthDistribution d;
  const NumberRange tokens{1, kMaxLengthTokens};
  if (kind == "fixed") {
    map.read("value", d.value, 1, kMaxLengthTokens);
  } else if (kind == "uniform") {
    d.kind = LengthKind::uniform;
    map.read("min", d.min, 1, kMaxLengthTokens);
    map.read("max", d.max, 1, kMaxLengthTokens);
    if (d.max < d.min)
      throw map.error("max", "must be at least min = " + std::to_string(d.min) + ", got " + std::to_string(d.max));
  } else if (kind == "geometric") {
    d.kind = LengthKind::geometric;
    map.read("mean", d.mean, tokens);  // support 1, 2, ...: a mean below 1 is impossible
  } else if (kind == "empirical") {
    d = read_table(map, base_dir);
  } else {
    d.kind = LengthKind::lognormal;
    map.read("mean", d.mean, tokens);
    map.read("sigma", d.sigma, NumberRange{0, 4, true});  // beyond 4 the clamp would dominate the mean
  }
  return d;
}

} // namespace

void read_length(const MapReader& section, const std::string& key, const std::string& base_dir,
                 LengthDistribution& out)
{
  if (!section.has(key))
    return;
  if (section.has_map(key)) {
    out = read_map(section.section(key, {"dist", "value", "min", "max", "mean", "sigma", "file"}), base_dir);
    return;
  }
  int tokens = 0;
  section.read(key, tokens, 1, kMaxLengthTokens);
  out = LengthDistribution::fixed_at(tokens);
}

int rounded_mean_tokens(const LengthDistribution& d)
{
  switch (d.kind) {
  case LengthKind::fixed: return d.value;
  case LengthKind::uniform: return static_cast<int>(std::lround((static_cast<double>(d.min) + d.max) / 2));
  case LengthKind::geometric:
  case LengthKind::lognormal:
  case LengthKind::empirical: return std::max(1, static_cast<int>(std::lround(d.mean)));
  }
  return 1;
}

void emit_length(YAML::Emitter& out, const std::string& key, const LengthDistribution& d)
{
  out << YAML::Key << key << YAML::Value;
  if (d.is_fixed()) {
    out << d.value;
    return;
  }
  out << YAML::Flow << YAML::BeginMap << YAML::Key << "dist" << YAML::Value << to_string(d.kind);
  if (d.kind == LengthKind::uniform)
    out << YAML::Key << "min" << YAML::Value << d.min << YAML::Key << "max" << YAML::Value << d.max;
  else if (d.kind == LengthKind::empirical)
    out << YAML::Key << "file" << YAML::Value << d.resolved_file;
  else
    out << YAML::Key << "mean" << YAML::Value << format_number(d.mean);  // exact text: reloads to the same bits
  if (d.kind == LengthKind::lognormal)
    out << YAML::Key << "sigma" << YAML::Value << format_number(d.sigma);
  out << YAML::EndMap;
}

nlohmann::json length_json(const LengthDistribution& d)
{
  if (d.is_fixed())
    return d.value;
  nlohmann::json j = {{"dist", to_string(d.kind)}};
  if (d.kind == LengthKind::uniform) {
    j["min"] = d.min;
    j["max"] = d.max;
  } else if (d.kind == LengthKind::empirical) {
    j["file"] = d.resolved_file;
    j["lengths"] = d.values.size();
    j["mean"] = d.mean;
  } else {
    j["mean"] = d.mean;
  }
  if (d.kind == LengthKind::lognormal)
    j["sigma"] = d.sigma;
  return j;
}

} // namespace afdsim

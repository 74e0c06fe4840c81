#include "sim/config/length_fields.hpp"

#include "sim/config/number_text.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace afdsim {

namespace {

// The keys each kind takes besides `dist`.
const std::map<std::string, std::vector<std::string>>& keys_by_kind()
{
  static const std::map<std::string, std::vector<std::string>> keys = {
      {"fixed", {"value"}}, {"uniform", {"min", "max"}}, {"geometric", {"mean"}}, {"lognormal", {"mean", "sigma"}}};
  return keys;
}

std::string join_keys(const std::vector<std::string>& keys)
{
  std::string s;
  for (const auto& k : keys)
    s += (s.empty() ? "" : ", ") + k;
  return s;
}

LengthDistribution read_map(const MapReader& map)
{
  map.require("dist", "the distribution: fixed, uniform, geometric or lognormal");
  std::string kind;
  map.read_choice("dist", kind, {"fixed", "uniform", "geometric", "lognormal"});
  const std::vector<std::string>& keys = keys_by_kind().at(kind);
  for (const std::string key : {"value", "min", "max", "mean", "sigma"}) {
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
  } else {
    d.kind = LengthKind::lognormal;
    map.read("mean", d.mean, tokens);
    map.read("sigma", d.sigma, NumberRange{0, 4, true});  // beyond 4 the clamp would dominate the mean
  }
  return d;
}

} // namespace

void read_length(const MapReader& section, const std::string& key, LengthDistribution& out)
{
  if (!section.has(key))
    return;
  if (section.has_map(key)) {
    out = read_map(section.section(key, {"dist", "value", "min", "max", "mean", "sigma"}));
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
  case LengthKind::lognormal: return std::max(1, static_cast<int>(std::lround(d.mean)));
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
  } else {
    j["mean"] = d.mean;
  }
  if (d.kind == LengthKind::lognormal)
    j["sigma"] = d.sigma;
  return j;
}

} // namespace afdsim

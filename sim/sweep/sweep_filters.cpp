#include "sim/sweep/sweep_filters.hpp"

#include "sim/config/key_suggestion.hpp"
#include "sim/config/number_text.hpp"
#include "sim/config/scenario_yaml.hpp"
#include "sim/config/yaml_fields.hpp"
#include "sim/memory/memory_plan.hpp"
#include "sim/sweep/sweep_axes.hpp"
#include "sim/util/errors.hpp"

namespace afdsim {

namespace {

// Every dotted path to a number in the resolved scenario: what a filter may name.
void number_keys(const nlohmann::json& j, const std::string& path, std::vector<std::string>& out)
{
  if (j.is_number()) {
    out.push_back(path);
    return;
  }
  if (j.is_object()) {
    for (const auto& [key, value] : j.items())
      number_keys(value, child_path(path, key), out);
  }
}

void check_number_key(const std::string& key, const std::string& where, const std::string& path,
                      const nlohmann::json& base)
{
  check_dotted_key(key, where, path);
  if (resolved_number(base, key))
    return;
  std::vector<std::string> known;
  number_keys(base, "", known);
  const std::optional<std::string> suggestion = closest_key(key, known);
  throw InputError(where, path,
                   "'" + key + "' is not a number of the resolved base scenario" +
                       (suggestion ? "; did you mean '" + *suggestion + "'?" : " (afdsim validate BASE lists its keys)"));
}

SweepFilter read_filter(YamlSource& source, const YAML::Node& node, const std::string& path, const nlohmann::json& base)
{
  const std::string where = source.where(path, node.Mark());
  const std::string forms = "memory_fits, {key: K, at_most: X} or {key: K, at_least: X}";
  if (node.IsScalar()) {
    if (node.Scalar() != "memory_fits")
      throw InputError(where, path, "must be one of " + forms + "; got " + describe_value(node));
    SweepFilter f;
    f.text = "memory_fits";
    return f;
  }
  if (!node.IsMap())
    throw InputError(where, path, "must be one of " + forms + "; got " + describe_value(node));
  const MapReader map(source, node, path, where, {"key", "at_most", "at_least"});
  map.require("key", "the dotted key of the resolved scenario to compare");
  if (map.has("at_most") == map.has("at_least"))
    throw map.error(map.has("at_most") ? "at_least" : "key", "give at_most or at_least, exactly one of them");
  SweepFilter f;
  f.kind = map.has("at_most") ? FilterKind::at_most : FilterKind::at_least;
  const std::string relation = f.kind == FilterKind::at_most ? "at_most" : "at_least";
  map.read("key", f.key, false);
  check_number_key(f.key, map.where("key"), map.key_path("key"), base);
  const YAML::Node bound = node[relation];
  const std::string bound_where = map.where(relation);
  if (!bound.IsScalar() || bound.Tag() == "!")
    throw map.error(relation, "must be a number or a dotted key of the resolved scenario, got " + describe_value(bound));
  if (std::optional<double> number = parse_double(bound.Scalar())) {
    f.bound = number;
  } else {
    f.bound_key = bound.Scalar();
    check_number_key(f.bound_key, bound_where, map.key_path(relation), base);
  }
  f.text = f.key + " " + relation + " " + (f.bound ? format_number(*f.bound) : f.bound_key);
  return f;
}

double number_at(const nlohmann::json& scenario, const std::string& key, const SweepFilter& f)
{
  const std::optional<double> value = resolved_number(scenario, key);
  if (!value)
    throw InputError("filter " + f.text, key, "has no number in this point's resolved scenario");
  return *value;
}

} // namespace

std::vector<SweepFilter> read_filters(YamlSource& source, const YAML::Node& node, const std::string& path,
                                      const nlohmann::json& base)
{
  if (!node.IsDefined() || node.IsNull())
    return {};
  if (!node.IsSequence())
    throw InputError(source.where(path, node.Mark()), path, "must be a list of filters ([] for none), got " + describe_value(node));
  std::vector<SweepFilter> filters;
  for (size_t i = 0; i < node.size(); ++i)
    filters.push_back(read_filter(source, node[i], path + "[" + std::to_string(i) + "]", base));
  return filters;
}

std::optional<double> resolved_number(const nlohmann::json& scenario, const std::string& key)
{
  const nlohmann::json* at = &scenario;
  size_t start = 0;
  while (true) {
    const size_t dot = key.find('.', start);
    const std::string part = key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!at->is_object() || !at->contains(part))
      return std::nullopt;
    at = &(*at)[part];
    if (dot == std::string::npos)
      break;
    start = dot + 1;
  }
  if (!at->is_number())
    return std::nullopt;
  return at->get<double>();
}

std::optional<std::string> skip_reason(const std::vector<SweepFilter>& filters, const Scenario& scenario)
{
  std::optional<nlohmann::json> resolved;  // built once, and only when a filter compares keys
  for (const auto& f : filters) {
    if (f.kind == FilterKind::memory_fits) {
      try {
        check_memory_fits(scenario);
      } catch (const InputError& e) {
        return "memory_fits: " + std::string(e.what());
      }
      continue;
    }
    if (!resolved)
      resolved = to_json(scenario);
    const double value = number_at(*resolved, f.key, f);
    const double bound = f.bound ? *f.bound : number_at(*resolved, f.bound_key, f);
    const bool holds = f.kind == FilterKind::at_most ? value <= bound : value >= bound;
    if (!holds) {
      const std::string bound_text = f.bound ? format_number(bound) : f.bound_key + " = " + format_number(bound);
      return f.text + ": " + f.key + " = " + format_number(value) + " is " +
             (f.kind == FilterKind::at_most ? "above " : "below ") + bound_text;
    }
  }
  return std::nullopt;
}

} // namespace afdsim

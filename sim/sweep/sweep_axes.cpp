#include "sim/sweep/sweep_axes.hpp"

#include "sim/config/number_text.hpp"
#include "sim/config/yaml_fields.hpp"
#include "sim/util/errors.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <unordered_map>

namespace afdsim {

std::string list_description(const YAML::Node& node)
{
  return node.IsSequence() && node.size() == 0 ? "an empty list" : describe_value(node);
}

namespace {

// Twelve significant digits: a range of 0.1 steps gives 0.3, not 0.30000000000000004. strtod,
// not std::stod: that one throws on a subnormal value (from: 1e-310), which is a fine number.
std::string range_value_text(double value)
{
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.12g", value);
  return format_number(std::strtod(buffer, nullptr));
}

bool integral_scalar(const YAML::Node& node)
{
  return !node.IsDefined() || (node.IsScalar() && integral_value(node.Scalar()).has_value());
}

// `distinct`: a lone axis must not repeat a value (two identical points); zipped keys may, as long
// as the tuples differ.
std::vector<std::string> read_values(YamlSource& source, const MapReader& item, const YAML::Node& node, bool distinct)
{
  const std::string path = item.key_path("values");
  if (!node.IsSequence() || node.size() == 0)
    throw item.error("values", "must be a non-empty list of the key's values, got " + list_description(node));
  if (node.size() > kMaxAxisValues) {
    throw item.error("values", "has " + std::to_string(node.size()) + " values, more than " +
                                   std::to_string(kMaxAxisValues) + "; a sweep axis that long is a mistake");
  }
  std::vector<std::string> values;
  std::unordered_map<std::string, size_t> seen;  // value -> its index: linear, not quadratic, in the values
  for (size_t i = 0; i < node.size(); ++i) {
    const std::string element_path = path + "[" + std::to_string(i) + "]";
    const std::string where = source.where(element_path, node[i].Mark());
    if (!node[i].IsDefined() || node[i].IsNull())
      throw InputError(where, element_path, "must be a value, got nothing");
    const std::string text = value_text(node[i]);
    if (distinct) {
      const auto [first, inserted] = seen.emplace(text, i);
      if (!inserted) {
        throw InputError(where, element_path, "'" + text + "' is listed twice (also at [" + std::to_string(first->second) +
                                                  "]); values must be distinct");
      }
    }
    values.push_back(text);
  }
  return values;
}

std::vector<std::string> read_range(YamlSource& source, const MapReader& item, const YAML::Node& node)
{
  const MapReader range(source, node, item.key_path("range"), item.where("range"), {"from", "to", "step", "times"});
  if (!node.IsMap())
    throw item.error("range", "must be a map {from, to, step} or {from, to, times}, got " + describe_value(node));
  range.require("from", "the first value");
  range.require("to", "the last value, inclusive");
  if (range.has("step") && range.has("times"))
    throw range.error("times", "give step (arithmetic) or times (geometric), not both");
  const NumberRange any{-1e15, 1e15};
  double from = 0;
  double to = 0;
  double step = 1;
  double times = 0;
  range.read("from", from, any);
  range.read("to", to, any);
  range.read("step", step, NumberRange{0, 1e15, true});
  range.read("times", times, NumberRange{1, 1e6, true});
  if (to < from) {
    throw range.error("to", "must be at least from (" + format_number(from) + "): a range counts up, got " +
                                format_number(to));
  }
  if (range.has("times") && !(from > 0))
    throw range.error("from", "must be > 0 for a geometric range (times), got " + format_number(from));
  const bool integers = integral_scalar(node["from"]) && integral_scalar(node["to"]) &&
                        integral_scalar(node["step"]) && integral_scalar(node["times"]);
  std::vector<std::string> values;
  const double slack = 1e-9 * std::max(std::fabs(to), 1.0);  // 0.1 x 3 must still reach 0.3
  for (size_t i = 0;; ++i) {
    const double value = range.has("times") ? from * std::pow(times, static_cast<double>(i))
                                            : from + static_cast<double>(i) * step;
    if (value > to + slack)
      break;
    if (values.size() == kMaxAxisValues) {
      throw item.error("range", "gives more than " + std::to_string(kMaxAxisValues) +
                                    " values; a sweep axis that long is a mistake (check step)");
    }
    values.push_back(integers ? format_number(std::round(value)) : range_value_text(value));
  }
  return values;
}

// {key, values} or {key, range}, already checked to hold only allowed keys.
AxisKey read_key_values(YamlSource& source, const MapReader& item, const YAML::Node& node, bool distinct)
{
  item.require("key", "the dotted scenario key this axis sets, e.g. deployment.microbatches");
  AxisKey axis;
  item.read("key", axis.key, false);
  axis.where = item.where("key");
  axis.path = item.key_path("key");
  check_dotted_key(axis.key, axis.where, axis.path);
  if (item.has("values") == item.has("range"))
    throw item.error(item.has("values") ? "range" : "key", "give the key's values or a range, exactly one of them");
  axis.values =
      item.has("values") ? read_values(source, item, node["values"], distinct) : read_range(source, item, node["range"]);
  return axis;
}

} // namespace

std::string value_text(const YAML::Node& node)
{
  if (node.IsScalar() && node.Tag() != "!")
    return node.Scalar();
  YAML::Emitter out;
  out.SetSeqFormat(YAML::Flow);
  out.SetMapFormat(YAML::Flow);
  if (node.IsScalar())
    out << YAML::DoubleQuoted << node.Scalar();
  else
    out << node;
  return out.c_str();
}

void check_dotted_key(const std::string& key, const std::string& where, const std::string& path)
{
  bool part_empty = true;
  for (char c : key) {
    if (c == '.') {
      if (part_empty)
        break;
      part_empty = true;
    } else if (c == '=' || c == ' ' || c == '\t' || c == '[' || c == ']') {
      throw InputError(where, path, "must be a dotted scenario key such as deployment.microbatches, got '" + key + "'");
    } else {
      part_empty = false;
    }
  }
  if (part_empty)
    throw InputError(where, path, "must be a dotted scenario key such as deployment.microbatches, got '" + key + "'");
}

SweepAxis read_axis(YamlSource& source, const YAML::Node& node, const std::string& path)
{
  const std::string where = source.where(path, node.Mark());
  const MapReader item(source, node, path, where, {"key", "values", "range", "zip"});
  if (!node.IsMap())
    throw InputError(where, path, "must be a map {key, values}, {key, range} or {zip: [...]}, got " + describe_value(node));
  SweepAxis axis;
  if (!item.has("zip")) {
    axis.keys.push_back(read_key_values(source, item, node, true));
    return axis;
  }
  for (const char* key : {"key", "values", "range"}) {
    if (item.has(key))
      throw item.error(key, "not allowed beside zip: each zipped entry has its own key and values");
  }
  const YAML::Node zip = node["zip"];
  if (!zip.IsSequence() || zip.size() < 2)
    throw item.error("zip", "must be a list of two or more {key, values} or {key, range} entries, got " +
                                (zip.IsSequence() ? "a list of " + std::to_string(zip.size()) : describe_value(zip)));
  for (size_t i = 0; i < zip.size(); ++i) {
    const std::string entry_path = item.key_path("zip") + "[" + std::to_string(i) + "]";
    const std::string entry_where = source.where(entry_path, zip[i].Mark());
    if (!zip[i].IsMap())
      throw InputError(entry_where, entry_path, "must be a map {key, values} or {key, range}, got " + describe_value(zip[i]));
    const MapReader entry(source, zip[i], entry_path, entry_where, {"key", "values", "range"});
    AxisKey key = read_key_values(source, entry, zip[i], false);
    for (const auto& other : axis.keys) {
      if (other.key == key.key)
        throw entry.error("key", "'" + key.key + "' is zipped twice");
    }
    if (!axis.keys.empty() && key.values.size() != axis.size()) {
      throw entry.error(entry.has("values") ? "values" : "range",
                        "has " + std::to_string(key.values.size()) + " values but " + axis.keys.front().key + " has " +
                            std::to_string(axis.size()) + "; zipped keys vary together and need as many values");
    }
    axis.keys.push_back(std::move(key));
  }
  std::map<std::vector<std::string>, size_t> tuples;  // tuple -> its index
  for (size_t v = 0; v < axis.size(); ++v) {
    std::vector<std::string> tuple;
    for (const auto& key : axis.keys)
      tuple.push_back(key.values[v]);
    const auto [first, inserted] = tuples.emplace(std::move(tuple), v);
    if (!inserted)
      throw item.error("zip", "values [" + std::to_string(first->second) + "] and [" + std::to_string(v) +
                                  "] of the zipped keys are the same; each tuple must be distinct");
  }
  return axis;
}

} // namespace afdsim

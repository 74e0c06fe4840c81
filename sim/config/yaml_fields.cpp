#include "sim/config/yaml_fields.hpp"

#include "sim/config/key_suggestion.hpp"
#include "sim/config/number_text.hpp"

#include <algorithm>
#include <limits>
#include <map>

namespace afdsim {

namespace {

// A value being read: the node, its dotted path and where it came from.
struct Value {
  YAML::Node node;
  std::string path;
  std::string where;
};

[[noreturn]] void fail(const Value& v, const std::string& reason) { throw InputError(v.where, v.path, reason); }

bool is_quoted(const YAML::Node& node) { return node.Tag() == "!"; }

std::string shortened(const std::string& text)
{
  constexpr size_t kMaxShown = 60;
  return text.size() <= kMaxShown ? text : text.substr(0, kMaxShown) + "...";
}

std::string range_text(const NumberRange& r)
{
  return (r.min_exclusive ? "(" : "[") + format_number(r.min) + ", " + format_number(r.max) + "]";
}

int64_t read_integer(const Value& v, int64_t min, int64_t max)
{
  const std::string expected = "must be an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
  if (!v.node.IsScalar() || is_quoted(v.node))
    fail(v, expected + ", got " + describe_value(v.node));
  const std::string& text = v.node.Scalar();
  std::optional<int64_t> value;
  if (is_integer_text(text)) {
    value = parse_int64(text);  // nullopt: overflows 64 bits
  } else if (std::optional<double> integral = integral_value(text)) {
    value = static_cast<int64_t>(*integral);
  } else {
    fail(v, expected + ", got " + describe_value(v.node));
  }
  if (!value || *value < min || *value > max)
    fail(v, expected + ", got " + shortened(text));
  return *value;
}

double read_number(const Value& v, const NumberRange& range)
{
  const std::string expected = "must be a finite number in " + range_text(range);
  if (!v.node.IsScalar() || is_quoted(v.node))
    fail(v, expected + ", got " + describe_value(v.node));
  const std::string& text = v.node.Scalar();
  std::optional<double> value = parse_double(text);
  if (!value)
    fail(v, expected + ", got " + describe_value(v.node));
  bool below = range.min_exclusive ? *value <= range.min : *value < range.min;
  if (below || *value > range.max)
    fail(v, expected + ", got " + shortened(text));
  return *value;
}

std::string read_text(const Value& v)
{
  if (!v.node.IsScalar())
    fail(v, "must be a string, got " + describe_value(v.node));
  return v.node.Scalar();
}

std::string read_choice_text(const Value& v, const std::vector<std::string>& choices)
{
  const std::string expected = "must be one of: " + join(choices) + "; got ";
  if (!v.node.IsScalar())
    fail(v, expected + describe_value(v.node));
  for (const auto& choice : choices) {
    if (v.node.Scalar() == choice)
      return choice;
  }
  fail(v, expected + "'" + shortened(v.node.Scalar()) + "'");
}

} // namespace

std::string describe_value(const YAML::Node& node)
{
  if (!node.IsDefined() || node.IsNull())
    return "nothing";
  if (node.IsSequence())
    return "a list";
  if (node.IsMap())
    return "a map";
  const std::string& text = node.Scalar();
  if (is_quoted(node))
    return "the quoted string \"" + shortened(text) + "\"";
  if (is_decimal_text(text) || is_non_finite_text(text))
    return shortened(text);
  return "'" + shortened(text) + "'";
}

MapReader::MapReader(YamlSource& source, const YAML::Node& node, std::string path, std::string section_where,
                     std::vector<std::string> allowed_keys)
    : source_(&source), path_(std::move(path)), where_(std::move(section_where)), allowed_(std::move(allowed_keys))
{
  source_->note_position(path_, where_);
  if (!node.IsDefined() || node.IsNull())
    return;
  if (!node.IsMap()) {
    throw InputError(where_, path_,
                     "must be a map (key: value lines) with keys " + join(allowed_) + "; got " + describe_value(node));
  }
  check_keys(node);
  for (const auto& entry : entries_)
    source_->note_position(key_path(entry.name), where(entry.name));
}

void MapReader::check_keys(const YAML::Node& node)
{
  std::map<std::string, YAML::Mark> first_seen;
  for (const auto& key_value : node) {  // yaml-cpp iterators yield temporaries: copy the handles
    const YAML::Node key = key_value.first;
    if (!key.IsScalar()) {
      throw InputError(source_->where(path_, key.Mark()), path_,
                       "keys must be plain names, got " + describe_value(key) + " as a key");
    }
    const std::string name = key.Scalar();
    const std::string path = key_path(name);
    const std::string key_where = source_->where(path, key.Mark());
    auto seen = first_seen.find(name);
    if (seen != first_seen.end()) {
      throw InputError(key_where, path,
                       "duplicate key (first given at line " + std::to_string(seen->second.line + 1) + ", column " +
                           std::to_string(seen->second.column + 1) + ")");
    }
    if (std::find(allowed_.begin(), allowed_.end(), name) == allowed_.end()) {
      std::optional<std::string> suggestion = closest_key(name, allowed_);
      throw InputError(key_where, child_path(path_, shortened(name)),
                       suggestion ? "unknown key; did you mean '" + *suggestion + "'?"
                                  : "unknown key; allowed keys: " + join(allowed_));
    }
    first_seen.emplace(name, key.Mark());
    entries_.push_back({name, key, key_value.second});
  }
}

const MapReader::Entry* MapReader::find(const std::string& key) const
{
  for (const auto& entry : entries_) {
    if (entry.name == key)
      return &entry;
  }
  return nullptr;
}

std::string MapReader::where(const std::string& key) const
{
  const Entry* entry = find(key);
  if (!entry)
    return where_;
  // A null value's mark is where the next token starts; its key is the better place to point at.
  bool value_has_position = entry->value.IsDefined() && !entry->value.IsNull();
  return source_->where(key_path(key), value_has_position ? entry->value.Mark() : entry->key.Mark());
}

std::string MapReader::element_where(const std::string& key, size_t index) const
{
  const Entry* entry = find(key);
  if (!entry || !entry->value.IsSequence() || index >= entry->value.size())
    return where(key);
  const YAML::Node list_node = entry->value;
  return source_->where(key_path(key) + "[" + std::to_string(index) + "]", list_node[index].Mark());
}

InputError MapReader::error(const std::string& key, const std::string& reason) const
{
  return InputError(where(key), key_path(key), reason);
}

void MapReader::require(const std::string& key, const std::string& what_it_is) const
{
  if (!has(key))
    throw error(key, "missing required key (" + what_it_is + ")");
}

MapReader MapReader::section(const std::string& key, std::vector<std::string> allowed_keys) const
{
  const Entry* entry = find(key);
  return MapReader(*source_, entry ? entry->value : YAML::Node(), key_path(key), where(key), std::move(allowed_keys));
}

void MapReader::read(const std::string& key, int& out, int min, int max) const
{
  if (const Entry* e = find(key))
    out = static_cast<int>(read_integer({e->value, key_path(key), where(key)}, min, max));
}

void MapReader::read(const std::string& key, uint64_t& out) const
{
  const Entry* e = find(key);
  if (!e)
    return;
  Value v{e->value, key_path(key), where(key)};
  const std::string expected = "must be an integer in [0, " + std::to_string(std::numeric_limits<uint64_t>::max()) + "]";
  if (!e->value.IsScalar() || is_quoted(e->value))
    fail(v, expected + ", got " + describe_value(e->value));
  const std::string& text = e->value.Scalar();
  if (std::optional<uint64_t> value = parse_uint64(text)) {
    out = *value;
  } else if (std::optional<double> integral = integral_value(text); integral && *integral >= 0) {
    out = static_cast<uint64_t>(*integral);
  } else {
    fail(v, expected + ", got " + describe_value(e->value));
  }
}

void MapReader::read(const std::string& key, double& out, NumberRange range) const
{
  if (const Entry* e = find(key))
    out = read_number({e->value, key_path(key), where(key)}, range);
}

void MapReader::read(const std::string& key, bool& out) const
{
  const Entry* e = find(key);
  if (!e)
    return;
  std::string text = e->value.IsScalar() && !is_quoted(e->value) ? e->value.Scalar() : "";
  if (text == "true" || text == "True" || text == "TRUE")
    out = true;
  else if (text == "false" || text == "False" || text == "FALSE")
    out = false;
  else
    fail({e->value, key_path(key), where(key)}, "must be true or false, got " + describe_value(e->value));
}

void MapReader::read(const std::string& key, std::string& out, bool allow_empty) const
{
  const Entry* e = find(key);
  if (!e)
    return;
  Value v{e->value, key_path(key), where(key)};
  std::string text = read_text(v);
  if (!allow_empty && text.empty())
    fail(v, "must be a non-empty string");
  out = text;
}

void MapReader::read(const std::string& key, Dtype& out) const
{
  std::string text;
  read_choice(key, text, {"fp8", "bf16"});
  if (!text.empty())
    out = *parse_dtype(text);
}

void MapReader::read_choice(const std::string& key, std::string& out, const std::vector<std::string>& choices) const
{
  if (const Entry* e = find(key))
    out = read_choice_text({e->value, key_path(key), where(key)}, choices);
}

YAML::Node MapReader::list(const std::string& key, const std::string& what_elements_are) const
{
  const Entry* e = find(key);
  if (e && !e->value.IsSequence())
    fail({e->value, key_path(key), where(key)},
         "must be a list of " + what_elements_are + " ([] for none), got " + describe_value(e->value));
  return e ? e->value : YAML::Node();
}

void MapReader::read(const std::string& key, std::vector<std::string>& out) const
{
  const YAML::Node node = list(key, "strings");
  if (!node.IsDefined())
    return;
  out.clear();
  for (size_t i = 0; i < node.size(); i++) {
    std::string path = key_path(key) + "[" + std::to_string(i) + "]";
    Value v{node[i], path, source_->where(path, node[i].Mark())};
    std::string text = read_text(v);
    if (text.empty())
      fail(v, "must be a non-empty string");
    out.push_back(text);
  }
}

void MapReader::read_distinct_names(const std::string& key, std::vector<std::string>& out) const
{
  std::vector<std::string> names;
  read(key, names);
  for (size_t i = 0; i < names.size(); i++) {
    for (size_t j = 0; j < i; j++) {
      if (names[i] == names[j]) {
        throw InputError(element_where(key, i), key_path(key) + "[" + std::to_string(i) + "]",
                         "'" + shortened(names[i]) + "' is listed twice (also at [" + std::to_string(j) + "]); names must be distinct");
      }
    }
  }
  if (has(key))
    out = names;
}

void MapReader::read(const std::string& key, std::vector<double>& out, NumberRange range) const
{
  const YAML::Node node = list(key, "numbers");
  if (!node.IsDefined())
    return;
  out.clear();
  for (size_t i = 0; i < node.size(); i++) {
    std::string path = key_path(key) + "[" + std::to_string(i) + "]";
    out.push_back(read_number({node[i], path, source_->where(path, node[i].Mark())}, range));
  }
}

} // namespace afdsim

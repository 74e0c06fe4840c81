#include "sim/config/overrides.hpp"

#include "sim/config/yaml_fields.hpp"
#include "sim/util/errors.hpp"

namespace afdsim {

namespace {

std::vector<std::string> split_dots(const std::string& key)
{
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t dot = key.find('.', start);
    parts.push_back(key.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos)
      return parts;
    start = dot + 1;
  }
}

} // namespace

SetOverride parse_set(const std::string& arg)
{
  const std::string where = "--set " + arg;
  size_t eq = arg.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError(where, "", "expected KEY=VALUE with a dotted KEY, e.g. --set deployment.attention_workers=4");
  SetOverride set;
  set.arg = arg;
  set.dotted_key = arg.substr(0, eq);
  set.keys = split_dots(set.dotted_key);
  for (const auto& part : set.keys) {
    if (part.empty())
      throw InputError(where, set.dotted_key, "empty key part; KEY is a dotted path such as deployment.attention_workers");
  }
  const std::string text = arg.substr(eq + 1);
  if (text.empty()) {
    set.value = YAML::Node(std::string());
    return set;
  }
  try {
    set.value = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw InputError(where, set.dotted_key, "VALUE is not valid YAML: " + e.msg);
  }
  return set;
}

void apply_set(YAML::Node& root, const SetOverride& set, YamlSource& source)
{
  YAML::Node section = root;  // a handle; reset() moves it down without touching the tree
  std::string path;
  for (size_t i = 0; i + 1 < set.keys.size(); i++) {
    path = child_path(path, set.keys[i]);
    YAML::Node next = section[set.keys[i]];
    if (!next.IsDefined() || next.IsNull()) {
      next = YAML::Node(YAML::NodeType::Map);
    } else if (!next.IsMap()) {
      throw InputError("--set " + set.arg, path,
                       "holds " + describe_value(next) + ", not a section of keys, so " + set.dotted_key +
                           " cannot be set");
    }
    section.reset(next);
  }
  section[set.keys.back()] = set.value;
  source.mark_set(set.dotted_key, set.arg);
}

void apply_sets(YAML::Node& root, const std::vector<std::string>& sets, YamlSource& source)
{
  for (const auto& arg : sets)
    apply_set(root, parse_set(arg), source);
}

} // namespace afdsim

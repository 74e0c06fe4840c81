#pragma once
// Strict readers for one scenario section (a YAML map): every key must be allowed and given once,
// every value must have the right type and range. Errors are InputErrors of the form
// "<where>: <dotted.key>: <reason>", the reason saying what is allowed and what was given.
#include "sim/config/yaml_source.hpp"
#include "sim/specs/dtype.hpp"
#include "sim/util/errors.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>
#include <vector>

namespace afdsim {

// Bounds of a real number; `min_exclusive` makes the lower bound open: (min, max].
struct NumberRange {
  double min = 0;
  double max = 0;
  bool min_exclusive = false;
};

// "a list", "a map", "nothing", "2.5", "'afdd'", "the quoted string \"200\"": what a value is, for
// "got ..." in messages.
std::string describe_value(const YAML::Node& node);

class MapReader {
public:
  // `node` is the section's value (null or undefined: an empty section);
  // `section_where` locates the section for errors about keys it lacks.
  MapReader(YamlSource& source, const YAML::Node& node, std::string path, std::string section_where,
            std::vector<std::string> allowed_keys);

  const std::string& path() const { return path_; }
  const std::string& where() const { return where_; }
  std::string key_path(const std::string& key) const { return child_path(path_, key); }
  bool has(const std::string& key) const { return find(key) != nullptr; }
  // The key is given and its value is a map (a value that is a number or a map, e.g. lengths).
  bool has_map(const std::string& key) const { return find(key) != nullptr && find(key)->value.IsMap(); }
  // Position of the key's value, or of the section when the key is absent.
  std::string where(const std::string& key) const;
  // Position of element `index` of the list at `key`.
  std::string element_where(const std::string& key, size_t index) const;
  InputError error(const std::string& key, const std::string& reason) const;
  void require(const std::string& key, const std::string& what_it_is) const;
  MapReader section(const std::string& key, std::vector<std::string> allowed_keys) const;

  // Each read leaves `out` untouched when the key is absent.
  void read(const std::string& key, int& out, int min, int max) const;
  void read(const std::string& key, uint64_t& out) const;
  void read(const std::string& key, double& out, NumberRange range) const;
  void read(const std::string& key, bool& out) const;
  void read(const std::string& key, std::string& out, bool allow_empty) const;
  void read(const std::string& key, Dtype& out) const;
  // One of `choices`, returned as written.
  void read_choice(const std::string& key, std::string& out, const std::vector<std::string>& choices) const;
  // Lists: names must be non-empty and distinct; numbers within `range`.
  void read_distinct_names(const std::string& key, std::vector<std::string>& out) const;
  void read(const std::string& key, std::vector<std::string>& out) const;
  void read(const std::string& key, std::vector<double>& out, NumberRange range) const;

private:
  struct Entry {
    std::string name;
    YAML::Node key;
    YAML::Node value;
  };
  const Entry* find(const std::string& key) const;
  void check_keys(const YAML::Node& node);
  YAML::Node list(const std::string& key, const std::string& what_elements_are) const;

  YamlSource* source_;
  std::string path_;
  std::string where_;
  std::vector<std::string> allowed_;
  std::vector<Entry> entries_;
};

} // namespace afdsim

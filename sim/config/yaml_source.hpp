#pragma once
// Where each value of a scenario came from, for error messages: "file:line:col" for the YAML
// file, "--set KEY=VALUE" for command-line overrides, "file" when no position applies.
#include <yaml-cpp/yaml.h>

#include <map>
#include <string>

namespace afdsim {

class YamlSource {
public:
  explicit YamlSource(std::string source_name) : source_name_(std::move(source_name)) {}

  const std::string& source_name() const { return source_name_; }

  // The value at dotted `path` (and everything below it) was given by `--set <set_arg>`.
  void mark_set(const std::string& path, const std::string& set_arg);

  // Where the node at `path` came from: the --set that gave it or an ancestor, else the node's
  // position in the file (1-based), else the file alone.
  std::string where(const std::string& path, const YAML::Mark& mark) const;

  // Positions of the keys read, so that cross-field checks can point at them after reading.
  void note_position(const std::string& path, const std::string& where);
  // The noted position of `path`, else of its nearest noted ancestor, else the file.
  std::string position_of(const std::string& path) const;

private:
  std::string set_origin(const std::string& path) const;

  std::string source_name_;
  std::map<std::string, std::string> set_args_;   // dotted path -> "--set KEY=VALUE"
  std::map<std::string, std::string> positions_;  // dotted path -> where
};

// "file:line:col" from a 0-based yaml-cpp mark, or just "file" for a null mark.
std::string position_text(const std::string& source_name, const YAML::Mark& mark);

// "a.b" + "c" -> "a.b.c"; "" + "c" -> "c".
std::string child_path(const std::string& parent, const std::string& key);

} // namespace afdsim

#include "sim/config/yaml_source.hpp"

#include <iterator>

namespace afdsim {

namespace {

// "a.b[2].c" -> "a.b[2]" -> "a.b" -> "a" -> "".
std::string parent_path(const std::string& path)
{
  size_t cut = path.find_last_of(".[");
  return cut == std::string::npos ? "" : path.substr(0, cut);
}

bool is_below(const std::string& path, const std::string& ancestor)
{
  return path.size() > ancestor.size() && path.compare(0, ancestor.size(), ancestor) == 0 &&
         (path[ancestor.size()] == '.' || path[ancestor.size()] == '[');
}

} // namespace

std::string position_text(const std::string& source_name, const YAML::Mark& mark)
{
  if (mark.is_null() || mark.line < 0 || mark.column < 0)
    return source_name;
  return source_name + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

std::string child_path(const std::string& parent, const std::string& key)
{
  return parent.empty() ? key : parent + "." + key;
}

void YamlSource::mark_set(const std::string& path, const std::string& set_arg)
{
  // A later --set of a whole section replaces what earlier ones put inside it.
  for (auto it = set_args_.begin(); it != set_args_.end();)
    it = is_below(it->first, path) ? set_args_.erase(it) : std::next(it);
  set_args_[path] = "--set " + set_arg;
}

std::string YamlSource::set_origin(const std::string& path) const
{
  for (std::string p = path; !p.empty(); p = parent_path(p)) {
    auto it = set_args_.find(p);
    if (it != set_args_.end())
      return it->second;
  }
  return "";
}

std::string YamlSource::where(const std::string& path, const YAML::Mark& mark) const
{
  std::string origin = set_origin(path);
  return origin.empty() ? position_text(source_name_, mark) : origin;
}

void YamlSource::note_position(const std::string& path, const std::string& where) { positions_[path] = where; }

std::string YamlSource::position_of(const std::string& path) const
{
  for (std::string p = path;; p = parent_path(p)) {
    auto it = positions_.find(p);
    if (it != positions_.end())
      return it->second;
    if (p.empty())
      return source_name_;
  }
}

} // namespace afdsim

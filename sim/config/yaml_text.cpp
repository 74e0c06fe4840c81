#include "sim/config/yaml_text.hpp"

#include "sim/util/errors.hpp"

#include <yaml-cpp/depthguard.h>

#include <cstdio>

namespace afdsim {

namespace {

std::string hex_byte(unsigned char byte)
{
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", byte);
  return buf;
}

// Length of the UTF-8 sequence starting at text[i] (1-4), or 0 when it is not valid UTF-8
// (bad lead byte, truncated, overlong, surrogate, above U+10FFFF).
size_t utf8_sequence_length(const std::string& text, size_t i)
{
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80)
    return 1;
  size_t length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
  if (length == 0 || i + length > text.size())
    return 0;
  for (size_t k = 1; k < length; k++) {
    if ((byte(i + k) & 0xC0) != 0x80)
      return 0;
  }
  unsigned char second = byte(i + 1);
  if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) || (lead == 0xF0 && second < 0x90) ||
      (lead == 0xF4 && second > 0x8F))
    return 0;
  return length;
}

bool is_allowed_control(unsigned char c) { return c == '\t' || c == '\n' || c == '\r'; }

// "; line 3 indents with a tab ..." when some line's indentation holds a tab: yaml-cpp's own
// message for that case ("illegal map value") does not say so.
std::string tab_hint(const std::string& text)
{
  int line = 1;
  bool in_indent = true;
  for (char c : text) {
    if (c == '\n') {
      line++;
      in_indent = true;
    } else if (in_indent && c == '\t') {
      return " (line " + std::to_string(line) + " indents with a tab; YAML indentation must use spaces)";
    } else if (c != ' ') {
      in_indent = false;
    }
  }
  return "";
}

} // namespace

void check_scenario_text(const std::string& text, const std::string& source_name)
{
  if (text.size() > kMaxScenarioBytes) {
    throw InputError(source_name, "", "file is " + std::to_string(text.size()) + " bytes; a scenario may be at most " +
                                          std::to_string(kMaxScenarioBytes) + " bytes");
  }
  int line = 1;
  int column = 1;
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::string where = source_name + ":" + std::to_string(line) + ":" + std::to_string(column);
    size_t length = utf8_sequence_length(text, i);
    if (length == 0)
      throw InputError(where, "", "not a UTF-8 text file (invalid byte " + hex_byte(c) + ")");
    if (length == 1 && ((c < 0x20 && !is_allowed_control(c)) || c == 0x7F))
      throw InputError(where, "", "not a YAML text file (control character " + hex_byte(c) + ")");
    if (c == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    i += length;
  }
}

YAML::Node parse_scenario_yaml(const std::string& text, const std::string& source_name)
{
  try {
    return YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    throw InputError(source_name + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1), "",
                     "YAML nesting too deep (more than " + std::to_string(e.depth()) + " levels)");
  } catch (const YAML::Exception& e) {
    std::string where = source_name;
    if (!e.mark.is_null())
      where += ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1);
    throw InputError(where, "", "YAML syntax error: " + e.msg + tab_hint(text));
  }
}

} // namespace afdsim

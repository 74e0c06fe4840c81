#include "sim/workload/csv_cells.hpp"

#include "sim/config/number_text.hpp"
#include "sim/util/errors.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace afdsim {

std::string without_cr(std::string line)
{
  if (!line.empty() && line.back() == '\r')
    line.pop_back();
  return line;
}

void LineParser::fail(size_t column, const std::string& reason) const
{
  throw InputError(file_ + ":" + std::to_string(line_) + ":" + std::to_string(column), key_, reason);
}

int LineParser::tokens(const CsvCell& cell, const std::string& name) const
{
  const std::optional<double> value = integral_value(cell.text);
  if (!value || *value < 1 || *value > kMaxLengthTokens)
    fail(cell.column, name + " must be an integer in [1, " + std::to_string(kMaxLengthTokens) + "], got '" +
                          cell.text + "'");
  return static_cast<int>(*value);
}

double LineParser::seconds(const CsvCell& cell) const
{
  const std::optional<double> value = parse_double(cell.text);
  if (!value || !std::isfinite(*value) || *value < 0)
    fail(cell.column, "arrival_s must be a finite number of seconds >= 0, got '" + cell.text + "'");
  return *value;
}

double LineParser::positive(const CsvCell& cell, const std::string& name) const
{
  const std::optional<double> value = parse_double(cell.text);
  if (!value || !std::isfinite(*value) || *value <= 0)
    fail(cell.column, name + " must be a finite number > 0, got '" + cell.text + "'");
  return *value;
}

std::string read_input_file(const std::string& path, const std::string& what, const std::string& where,
                            const std::string& key)
{
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(where, key, "cannot read " + what + " " + path + ": not a regular file");
  std::ifstream f(path, std::ios::binary);
  std::ostringstream text;
  text << f.rdbuf();
  if (!f)
    throw InputError(where, key, "cannot read " + what + " " + path);
  return text.str();
}

} // namespace afdsim

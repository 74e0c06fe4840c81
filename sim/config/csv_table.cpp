#include "sim/config/csv_table.hpp"

#include "sim/config/number_text.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace afdsim {

namespace {

// Tables are small: a profile of a few thousand rows is a few hundred kB.
constexpr size_t kMaxTableBytes = 64 * 1024 * 1024;

std::string printable(const std::string& text)
{
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", u);
      out += hex;
    } else {
      out += c;
    }
  }
  return out.size() > 60 ? out.substr(0, 60) + "..." : out;
}

std::string joined(const std::vector<std::string>& names)
{
  std::string s;
  for (const auto& n : names)
    s += (s.empty() ? "" : ", ") + n;
  return s;
}

} // namespace

CsvTable CsvTable::parse(const std::string& text, const std::string& file)
{
  CsvTable table;
  table.file_ = file;
  if (text.size() > kMaxTableBytes)
    throw InputError(file, "", "larger than " + std::to_string(kMaxTableBytes) + " bytes; not a table afdsim reads");
  std::istringstream in(text);
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r')  // files written on Windows
      line.pop_back();
    if (line.empty() || line[0] == '#')
      continue;
    std::vector<CsvCell> cells = split_csv_cells(line);
    if (table.header_.empty()) {
      table.header_line_ = number;
      for (const auto& cell : cells) {
        for (const auto& name : table.header_) {
          if (name == cell.text)
            throw InputError(file + ":" + std::to_string(number) + ":" + std::to_string(cell.column), "",
                             "column '" + printable(cell.text) + "' appears twice in the header");
        }
        table.header_.push_back(cell.text);
      }
      continue;
    }
    if (cells.size() != table.header_.size()) {
      const size_t column = cells.size() > table.header_.size() ? cells[table.header_.size()].column : line.size() + 1;
      throw InputError(file + ":" + std::to_string(number) + ":" + std::to_string(column), "",
                       "expected " + std::to_string(table.header_.size()) + " values (as the header), got " +
                           std::to_string(cells.size()));
    }
    table.rows_.push_back({number, std::move(cells)});
  }
  if (table.header_.empty())
    throw InputError(file + ":1:1", "", "empty file; expected a header line naming the columns");
  return table;
}

std::optional<size_t> CsvTable::find(const std::string& name) const
{
  for (size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name)
      return i;
  }
  return std::nullopt;
}

size_t CsvTable::column(const std::string& name) const { return column_of({name}); }

size_t CsvTable::column_of(const std::vector<std::string>& names) const
{
  for (const auto& name : names) {
    if (auto i = find(name))
      return *i;
  }
  fail_header("missing column " + (names.size() == 1 ? "'" + names[0] + "'" : "(one of) " + joined(names)) +
              "; the header has: " + printable(joined(header_)));
}

void CsvTable::fail(const CsvRow& row, size_t column, const std::string& reason) const
{
  throw InputError(file_ + ":" + std::to_string(row.line) + ":" + std::to_string(row.cells[column].column),
                   header_[column], reason);
}

void CsvTable::fail_header(const std::string& reason) const
{
  throw InputError(file_ + ":" + std::to_string(header_line_) + ":1", "", reason);
}

double CsvTable::positive(const CsvRow& row, size_t column) const
{
  const std::string& cell = text(row, column);
  const std::optional<double> value = parse_double(cell);
  if (!value || !std::isfinite(*value) || *value <= 0)
    fail(row, column, "must be a finite number > 0, got '" + printable(cell) + "'");
  return *value;
}

double CsvTable::positive(const CsvRow& row, size_t column, double min, double max) const
{
  const double value = positive(row, column);
  if (value < min || value > max)
    fail(row, column, "must be in [" + format_number(min) + ", " + format_number(max) + "], got '" + printable(text(row, column)) + "'");
  return value;
}

int64_t CsvTable::integer(const CsvRow& row, size_t column, int64_t min, int64_t max) const
{
  const std::string& cell = text(row, column);
  const std::optional<double> value = integral_value(cell);
  if (!value || *value < static_cast<double>(min) || *value > static_cast<double>(max))
    fail(row, column,
         "must be an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "], got '" + printable(cell) + "'");
  return static_cast<int64_t>(*value);
}

const std::string& CsvTable::choice(const CsvRow& row, size_t column, const std::vector<std::string>& choices) const
{
  const std::string& cell = text(row, column);
  for (const auto& c : choices) {
    if (c == cell)
      return cell;
  }
  fail(row, column, "must be one of: " + joined(choices) + "; got '" + printable(cell) + "'");
}

std::string read_table_file(const std::string& path, const std::string& where, const std::string& key)
{
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(where, key, "cannot read '" + path + "': not a regular file");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in)
    throw InputError(where, key, "cannot read '" + path + "': " + std::strerror(errno));
  return text.str();
}

std::vector<CsvCell> split_csv_cells(const std::string& line)
{
  std::vector<CsvCell> cells;
  size_t start = 0;
  while (true) {
    const size_t comma = line.find(',', start);
    cells.push_back({line.substr(start, comma == std::string::npos ? std::string::npos : comma - start), start + 1});
    if (comma == std::string::npos)
      return cells;
    start = comma + 1;
  }
}

} // namespace afdsim

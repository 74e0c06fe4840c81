#pragma once
// Strict reading of small CSV tables with a header row (operator tables, measurements, profiles).
// Every malformed line is an InputError "file:line:column: column_name: reason". Lines that are
// blank or start with '#' are skipped; no quoting (no afdsim table holds a comma in a value).
// Parses text, not files, so a fuzz target can feed it any byte string.
#include "sim/util/errors.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace afdsim {

struct CsvCell {
  std::string text;
  size_t column = 1;  // 1-based position of the cell's first character
};

struct CsvRow {
  size_t line = 0;  // 1-based line number in the file
  std::vector<CsvCell> cells;  // as many as the header has names
};

// The comma-separated cells of one line, with their columns (no quoting).
std::vector<CsvCell> split_csv_cells(const std::string& line);

class CsvTable {
public:
  // Throws InputError for an empty file (no header), a repeated column name, or a row whose
  // number of cells differs from the header's.
  static CsvTable parse(const std::string& text, const std::string& file);

  const std::string& file() const { return file_; }
  const std::vector<std::string>& header() const { return header_; }
  const std::vector<CsvRow>& rows() const { return rows_; }
  bool has(const std::string& name) const { return find(name).has_value(); }
  std::optional<size_t> find(const std::string& name) const;
  // Index of the column; an InputError at the header line naming the missing column otherwise.
  size_t column(const std::string& name) const;
  // The first of `names` the header has; an InputError naming all of them otherwise.
  size_t column_of(const std::vector<std::string>& names) const;

  [[noreturn]] void fail(const CsvRow& row, size_t column, const std::string& reason) const;
  [[noreturn]] void fail_header(const std::string& reason) const;

  const std::string& text(const CsvRow& row, size_t column) const { return row.cells[column].text; }
  // A number > 0 and finite (times, sizes that may be fractional).
  double positive(const CsvRow& row, size_t column) const;
  // The same, also within [min, max]: what arithmetic on it can take without overflowing.
  double positive(const CsvRow& row, size_t column, double min, double max) const;
  // An integer in [min, max], written as integer text ("2048", "2048.0" and "2.048e3" are all 2048).
  int64_t integer(const CsvRow& row, size_t column, int64_t min, int64_t max) const;
  // One of `choices`, as written.
  const std::string& choice(const CsvRow& row, size_t column, const std::vector<std::string>& choices) const;

private:
  std::string file_;
  size_t header_line_ = 1;
  std::vector<std::string> header_;
  std::vector<CsvRow> rows_;
};

// Reads a whole file for CsvTable::parse; an InputError naming `where` and `key` (the option or
// scenario key that named the file) when it cannot be read.
std::string read_table_file(const std::string& path, const std::string& where, const std::string& key);

} // namespace afdsim

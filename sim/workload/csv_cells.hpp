#pragma once
// Line-by-line reading of the small CSV inputs (request traces, empirical length tables), on
// csv_table's cells: failures that name file:line:column and the scenario key.
#include "sim/config/csv_table.hpp"
#include "sim/config/request_lengths.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace afdsim {

std::string without_cr(std::string line);  // files written on Windows end lines with \r\n

class LineParser {
public:
  LineParser(const std::string& file, size_t line, const std::string& key) : file_(file), line_(line), key_(key) {}

  [[noreturn]] void fail(size_t column, const std::string& reason) const;
  // An integer in [1, kMaxLengthTokens]; `name` is the column's name for the message.
  int tokens(const CsvCell& cell, const std::string& name) const;
  // A finite number >= 0 (arrival_s).
  double seconds(const CsvCell& cell) const;
  // A finite number > 0 (weight).
  double positive(const CsvCell& cell, const std::string& name) const;

private:
  const std::string& file_;
  size_t line_;
  const std::string& key_;
};

// The whole file as text; InputError at `where` (the scenario key's position) when it cannot be
// read. `what` names the file's role ("trace file").
std::string read_input_file(const std::string& path, const std::string& what, const std::string& where,
                            const std::string& key);

} // namespace afdsim

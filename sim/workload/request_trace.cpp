#include "sim/workload/request_trace.hpp"

#include "sim/config/number_text.hpp"
#include "sim/util/errors.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace afdsim {

namespace {

struct Cell {
  std::string text;
  size_t column = 1;  // 1-based, of the cell's first character
};

std::vector<Cell> split_cells(const std::string& line)
{
  std::vector<Cell> cells;
  size_t start = 0;
  while (true) {
    const size_t comma = line.find(',', start);
    cells.push_back({line.substr(start, comma == std::string::npos ? std::string::npos : comma - start), start + 1});
    if (comma == std::string::npos)
      return cells;
    start = comma + 1;
  }
}

class LineParser {
public:
  LineParser(const std::string& file, size_t line, const std::string& key) : file_(file), line_(line), key_(key) {}

  [[noreturn]] void fail(size_t column, const std::string& reason) const
  {
    throw InputError(file_ + ":" + std::to_string(line_) + ":" + std::to_string(column), key_, reason);
  }

  int tokens(const Cell& cell, const std::string& name) const
  {
    const std::optional<double> value = integral_value(cell.text);
    if (!value || *value < 1 || *value > kMaxLengthTokens)
      fail(cell.column, name + " must be an integer in [1, " + std::to_string(kMaxLengthTokens) + "], got '" +
                            cell.text + "'");
    return static_cast<int>(*value);
  }

  double seconds(const Cell& cell) const
  {
    const std::optional<double> value = parse_double(cell.text);
    if (!value || !std::isfinite(*value) || *value < 0)
      fail(cell.column, "arrival_s must be a finite number of seconds >= 0, got '" + cell.text + "'");
    return *value;
  }

private:
  const std::string& file_;
  size_t line_;
  const std::string& key_;
};

std::string without_cr(std::string line)
{
  if (!line.empty() && line.back() == '\r')  // files written on Windows
    line.pop_back();
  return line;
}

} // namespace

std::vector<TracedRequest> parse_trace_csv(const std::string& text, const std::string& file, const std::string& key)
{
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line))
    throw InputError(file + ":1:1", key, "empty file; expected the header prompt_tokens,output_tokens[,arrival_s]");
  const std::string header = without_cr(line);
  const bool with_arrival = header == "prompt_tokens,output_tokens,arrival_s";
  if (!with_arrival && header != "prompt_tokens,output_tokens")
    throw InputError(file + ":1:1", key,
                     "the header must be prompt_tokens,output_tokens or prompt_tokens,output_tokens,arrival_s, got '" +
                         header + "'");
  const size_t columns = with_arrival ? 3 : 2;
  std::vector<TracedRequest> requests;
  double last_arrival_s = 0;
  for (size_t number = 2; std::getline(in, line); ++number) {
    line = without_cr(line);
    if (line.empty())
      continue;  // a trailing blank line is harmless
    const LineParser parser(file, number, key);
    const std::vector<Cell> cells = split_cells(line);
    if (cells.size() != columns)
      parser.fail(cells.size() > columns ? cells[columns].column : line.size() + 1,
                  "expected " + std::to_string(columns) + " values (as the header), got " + std::to_string(cells.size()));
    TracedRequest r;
    r.prompt_tokens = parser.tokens(cells[0], "prompt_tokens");
    r.output_tokens = parser.tokens(cells[1], "output_tokens");
    if (with_arrival) {
      r.arrival_s = parser.seconds(cells[2]);
      if (r.arrival_s < last_arrival_s)
        parser.fail(cells[2].column, "arrival_s must not decrease (previous request: " + format_number(last_arrival_s) +
                                         "), got " + cells[2].text);
      last_arrival_s = r.arrival_s;
    }
    requests.push_back(r);
  }
  if (requests.empty())
    throw InputError(file + ":2:1", key, "no requests after the header");
  return requests;
}

std::vector<TracedRequest> load_trace_file(const std::string& path, const std::string& where, const std::string& key)
{
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(where, key, "cannot read trace file " + path + ": not a regular file");
  std::ifstream f(path, std::ios::binary);
  std::ostringstream text;
  text << f.rdbuf();
  if (!f)
    throw InputError(where, key, "cannot read trace file " + path);
  return parse_trace_csv(text.str(), path, key);
}

} // namespace afdsim

#include "sim/workload/request_trace.hpp"

#include "sim/config/number_text.hpp"
#include "sim/workload/csv_cells.hpp"
#include "sim/util/errors.hpp"

#include <sstream>

namespace afdsim {

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
    const std::vector<CsvCell> cells = split_csv_cells(line);
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
  return parse_trace_csv(read_input_file(path, "trace file", where, key), path, key);
}

} // namespace afdsim

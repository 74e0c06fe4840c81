#include "sim/workload/length_table.hpp"

#include "sim/util/errors.hpp"
#include "sim/workload/csv_cells.hpp"

#include <sstream>

namespace afdsim {

LengthDistribution parse_length_table_csv(const std::string& text, const std::string& file, const std::string& key)
{
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line))
    throw InputError(file + ":1:1", key, "empty file; expected the header tokens or tokens,weight");
  const std::string header = without_cr(line);
  const bool weighted = header == "tokens,weight";
  if (!weighted && header != "tokens")
    throw InputError(file + ":1:1", key, "the header must be tokens or tokens,weight, got '" + header + "'");
  const size_t columns = weighted ? 2 : 1;
  LengthDistribution d;
  d.kind = LengthKind::empirical;
  double total_weight = 0;
  double weighted_sum = 0;
  for (size_t number = 2; std::getline(in, line); ++number) {
    line = without_cr(line);
    if (line.empty())
      continue;
    const LineParser parser(file, number, key);
    const std::vector<CsvCell> cells = split_csv_cells(line);
    if (cells.size() != columns)
      parser.fail(cells.size() > columns ? cells[columns].column : line.size() + 1,
                  "expected " + std::to_string(columns) + " values (as the header), got " + std::to_string(cells.size()));
    const int tokens = parser.tokens(cells[0], "tokens");
    const double weight = weighted ? parser.positive(cells[1], "weight") : 1.0;
    d.values.push_back(tokens);
    d.weights.push_back(weight);
    total_weight += weight;
    weighted_sum += weight * tokens;
  }
  if (d.values.empty())
    throw InputError(file + ":2:1", key, "no lengths after the header");
  d.mean = weighted_sum / total_weight;
  return d;
}

} // namespace afdsim

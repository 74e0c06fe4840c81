#pragma once
// results.csv of a sweep: one row per point, sorted by point index, the same bytes whatever the
// number of jobs or shards (no wall-clock column: wall_times.csv has those). Columns: point, id,
// grid, the parameter keys in axis order, status, the metric columns (point_columns.hpp), error.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace afdsim {

// unfinished: not run yet, or stopped by a signal before its run finished; the next run of the
// sweep runs it.
enum class PointStatus { ok, failed, skipped, unfinished };
const char* to_string(PointStatus status);

struct ResultRow {
  size_t index = 0;
  std::string id;
  std::string grid;
  std::vector<std::string> parameters;         // one per parameter key
  PointStatus status = PointStatus::failed;
  std::map<std::string, std::string> metrics;  // column -> cell; absent: empty cell
  std::string error;                           // failed: what went wrong; skipped: the filter's reason;
                                               // unfinished: why it has no result
};

// The header line (no newline) for these parameter keys.
std::string results_header(const std::vector<std::string>& parameter_keys);

// One line, newline-terminated. Fields with a comma, quote or line break are quoted (RFC 4180);
// line breaks inside the error become "; " so that every row is one line.
std::string results_line(const ResultRow& row);

// RFC 4180 quoting of one field.
std::string csv_field(const std::string& text);

} // namespace afdsim

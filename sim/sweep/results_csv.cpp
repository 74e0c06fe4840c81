#include "sim/sweep/results_csv.hpp"

#include "sim/sweep/point_columns.hpp"

namespace afdsim {

namespace {

std::string one_line(const std::string& text)
{
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r')
      continue;
    if (text[i] == '\n') {
      if (i + 1 < text.size())
        out += "; ";
      continue;
    }
    out += text[i];
  }
  return out;
}

} // namespace

const char* to_string(PointStatus status)
{
  switch (status) {
  case PointStatus::ok: return "ok";
  case PointStatus::failed: return "failed";
  case PointStatus::skipped: return "skipped";
  case PointStatus::unfinished: return "unfinished";
  }
  return "unfinished";
}

std::string csv_field(const std::string& text)
{
  if (text.find_first_of(",\"\n\r") == std::string::npos)
    return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"')
      quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string results_header(const std::vector<std::string>& parameter_keys)
{
  std::string line = "point,id,grid";
  for (const auto& key : parameter_keys)
    line += "," + csv_field(key);
  line += ",status";
  for (const auto& column : metric_columns())
    line += "," + column;
  return line + ",error";
}

std::string results_line(const ResultRow& row)
{
  std::string line = std::to_string(row.index) + "," + row.id + "," + csv_field(row.grid);
  for (const auto& value : row.parameters)
    line += "," + csv_field(value);
  line += std::string(",") + to_string(row.status);
  for (const auto& column : metric_columns()) {
    const auto it = row.metrics.find(column);
    line += "," + (it == row.metrics.end() ? std::string() : csv_field(it->second));
  }
  return line + "," + csv_field(one_line(row.error)) + "\n";
}

} // namespace afdsim

#include "sim/sweep/point_run.hpp"

#include <fstream>

namespace afdsim {

namespace fs = std::filesystem;

namespace {

constexpr const char* kErrorPrefix = "afdsim: error: ";
constexpr const char* kInternalPrefix = "afdsim: internal error: ";

} // namespace

std::optional<nlohmann::json> finished_report(const fs::path& point_dir)
{
  std::ifstream in(point_dir / "report.json", std::ios::binary);
  if (!in)
    return std::nullopt;
  nlohmann::json report = nlohmann::json::parse(in, nullptr, false);
  if (report.is_discarded() || !report.is_object() || !report.contains("throughput"))
    return std::nullopt;
  if (report.value("complete", true) == false)
    return std::nullopt;
  return report;
}

std::string failure_text(const fs::path& stderr_file, const ChildOutcome& outcome)
{
  std::ifstream in(stderr_file, std::ios::binary);
  std::string line;
  std::string error;
  std::string last;
  while (std::getline(in, line)) {
    if (line.rfind(kErrorPrefix, 0) == 0)
      error = line.substr(std::string(kErrorPrefix).size());
    else if (line.rfind(kInternalPrefix, 0) == 0)
      error = "internal error: " + line.substr(std::string(kInternalPrefix).size());
    if (!line.empty())
      last = line;
  }
  if (!error.empty())
    return error;
  const std::string how = "afdsim run " + describe_outcome(outcome);
  if (outcome.exit_code == 0)
    return how + " but wrote no report.json";
  return last.empty() ? how : how + ": " + last;
}

std::string shell_quoted(const std::vector<std::string>& argv)
{
  std::string text;
  for (const auto& arg : argv) {
    std::string quoted = "'";
    for (char c : arg)
      quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    text += (text.empty() ? "" : " ") + quoted + "'";
  }
  return text + "\n";
}

} // namespace afdsim

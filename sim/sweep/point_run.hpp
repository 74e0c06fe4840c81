#pragma once
// One simulated point of a sweep, as files: the command line it is run with (command.txt) and
// what its `afdsim run` left in its folder (report.json, stderr.txt).
#include "sim/sweep/process_pool.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace afdsim {

// The report of a finished point; nullopt when the point has not finished (no file, a file that
// is not a whole report, or the report of a run an interrupt stopped: "complete": false).
std::optional<nlohmann::json> finished_report(const std::filesystem::path& point_dir);

// What a failed run said: its last "afdsim: error: ..." line, else how it ended and its last line.
std::string failure_text(const std::filesystem::path& stderr_file, const ChildOutcome& outcome);

// The argv as one shell command line, each word single-quoted, newline-terminated.
std::string shell_quoted(const std::vector<std::string>& argv);

} // namespace afdsim

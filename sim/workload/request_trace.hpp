#pragma once
// Request traces (workload.trace; not the timeline traces of sim/trace): CSV with the header
// `prompt_tokens,output_tokens[,arrival_s]` and one request per line. Every malformed line is an
// InputError naming file:line:column and the reason.
#include "sim/config/request_lengths.hpp"

#include <string>
#include <vector>

namespace afdsim {

// `text` is the whole file, `file` its name for messages; `key` the scenario key (workload.trace).
std::vector<TracedRequest> parse_trace_csv(const std::string& text, const std::string& file, const std::string& key);

// Reads and parses `path`; `where` locates the scenario key for errors about the file itself.
std::vector<TracedRequest> load_trace_file(const std::string& path, const std::string& where, const std::string& key);

} // namespace afdsim

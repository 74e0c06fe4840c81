#pragma once
// Empirical length tables ({dist: empirical, file: F}): CSV with the header `tokens` or
// `tokens,weight` and one length per line. Every malformed line is an InputError naming
// file:line:column and the reason.
#include "sim/config/request_lengths.hpp"

#include <string>

namespace afdsim {

// The distribution of the table in `text` (`file` names it in messages, `key` is the scenario key,
// e.g. workload.output_tokens.file): values, weights and the weighted mean filled in.
LengthDistribution parse_length_table_csv(const std::string& text, const std::string& file, const std::string& key);

} // namespace afdsim

#pragma once
// "did you mean" for misspelt keys and values.
#include <optional>
#include <string>
#include <vector>

namespace afdsim {

// Edit distance with adjacent transpositions (optimal string alignment), case-insensitive.
size_t edit_distance(const std::string& a, const std::string& b);

// The allowed key closest to `key`, if one is close: within a third of its length in edits
// (at least 1, at most 3), or `key` is the start of it ("hbm_bandwidth" -> "hbm_bandwidth_gb_per_s").
std::optional<std::string> closest_key(const std::string& key, const std::vector<std::string>& allowed);

// "a, b, c"
std::string join(const std::vector<std::string>& items, const std::string& separator = ", ");

} // namespace afdsim

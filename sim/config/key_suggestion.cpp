#include "sim/config/key_suggestion.hpp"

#include <algorithm>
#include <cctype>

namespace afdsim {

namespace {

char fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

} // namespace

size_t edit_distance(const std::string& a, const std::string& b)
{
  // d[i][j]: distance between the first i chars of a and the first j chars of b.
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1, 0));
  for (size_t i = 0; i <= a.size(); i++)
    d[i][0] = i;
  for (size_t j = 0; j <= b.size(); j++)
    d[0][j] = j;
  for (size_t i = 1; i <= a.size(); i++) {
    for (size_t j = 1; j <= b.size(); j++) {
      size_t substitution = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + substitution});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1]))
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

std::optional<std::string> closest_key(const std::string& key, const std::vector<std::string>& allowed)
{
  // Keys are short; a bound keeps the table small on hostile input (the key is still reported).
  if (key.empty() || key.size() > 200)
    return std::nullopt;
  const size_t max_edits = std::clamp<size_t>(key.size() / 3, 1, 3);
  std::optional<std::string> best;
  size_t best_distance = max_edits + 1;
  for (const auto& candidate : allowed) {
    size_t distance = edit_distance(key, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  if (best)
    return best;
  if (key.size() >= 3) {
    for (const auto& candidate : allowed) {
      if (candidate.size() > key.size() && edit_distance(key, candidate.substr(0, key.size())) == 0)
        return candidate;
    }
  }
  return std::nullopt;
}

std::string join(const std::vector<std::string>& items, const std::string& separator)
{
  std::string out;
  for (size_t i = 0; i < items.size(); i++)
    out += (i == 0 ? "" : separator) + items[i];
  return out;
}

} // namespace afdsim

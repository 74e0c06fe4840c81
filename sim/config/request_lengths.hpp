#pragma once
// How long requests are: a distribution of prompt or output lengths (workload.prompt_tokens,
// workload.output_tokens) and the requests of a trace file (workload.trace). Plain values: the
// loader validates them, sim/workload samples them.
#include <string>
#include <vector>

namespace afdsim {

enum class LengthKind { fixed, uniform, geometric, lognormal, empirical };

inline const char* to_string(LengthKind k)
{
  switch (k) {
  case LengthKind::fixed: return "fixed";
  case LengthKind::uniform: return "uniform";
  case LengthKind::geometric: return "geometric";
  case LengthKind::lognormal: return "lognormal";
  case LengthKind::empirical: return "empirical";
  }
  return "?";
}

// Token counts are integers in [1, kMaxLengthTokens]; samplers clamp their tails to it.
constexpr int kMaxLengthTokens = 10'000'000;

struct LengthDistribution {
  LengthKind kind = LengthKind::fixed;
  int value = 0;       // fixed
  int min = 0;         // uniform: integers in [min, max], each equally likely
  int max = 0;
  double mean = 0;     // geometric (support 1, 2, ...) and lognormal (of the length, before rounding);
                       // empirical: the weighted mean of its table
  double sigma = 0;    // lognormal: standard deviation of ln(length)
  // empirical: a table of lengths read from a CSV file (header `tokens` or `tokens,weight`); a
  // length is drawn with probability weight / total weight (1 each without weights).
  std::string file;            // as written in the scenario
  std::string resolved_file;   // the path read
  std::vector<int> values;
  std::vector<double> weights;

  static LengthDistribution fixed_at(int tokens)
  {
    LengthDistribution d;
    d.value = tokens;
    return d;
  }
  static LengthDistribution uniform_between(int min_tokens, int max_tokens)
  {
    LengthDistribution d;
    d.kind = LengthKind::uniform;
    d.min = min_tokens;
    d.max = max_tokens;
    return d;
  }
  static LengthDistribution geometric_with_mean(double mean_tokens)
  {
    LengthDistribution d;
    d.kind = LengthKind::geometric;
    d.mean = mean_tokens;
    return d;
  }
  static LengthDistribution lognormal_with(double mean_tokens, double sigma)
  {
    LengthDistribution d;
    d.kind = LengthKind::lognormal;
    d.mean = mean_tokens;
    d.sigma = sigma;
    return d;
  }
  bool is_fixed() const { return kind == LengthKind::fixed; }
};

// One request of a trace file.
struct TracedRequest {
  int prompt_tokens = 0;
  int output_tokens = 0;
  double arrival_s = -1;  // < 0: the file has no arrival column (closed loop ignores it anyway)
};

struct TraceConfig {
  std::string file;                    // as written in the scenario; empty: no trace
  std::string resolved_file;           // path the loader read
  std::vector<TracedRequest> requests;  // in file order, at least one
};

} // namespace afdsim

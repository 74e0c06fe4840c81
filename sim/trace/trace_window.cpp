#include "sim/trace/trace_window.hpp"

#include "sim/metrics/metrics.hpp"
#include "sim/util/errors.hpp"

#include <algorithm>
#include <cctype>

namespace afdsim {
namespace {

std::optional<int> parse_step(const std::string& text)
{
  // Plain digits only: "+1", "1e2" or " 3" are typos here, not numbers.
  if (text.empty() || text.size() > 9 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }))
    return std::nullopt;
  return std::stoi(text);
}

} // namespace

std::optional<StepRange> parse_step_range(const std::string& text)
{
  if (text == "all")
    return StepRange{true, 0, 0};
  const auto colon = text.find(':');
  if (colon == std::string::npos)
    return std::nullopt;
  const auto first = parse_step(text.substr(0, colon));
  const auto last = parse_step(text.substr(colon + 1));
  if (!first || !last || *first > *last)
    return std::nullopt;
  return StepRange{false, *first, *last};
}

StepRange default_trace_steps(int warmup_steps, int steps)
{
  const int last = std::min(warmup_steps + 2, steps - 1);
  return StepRange{false, std::min(warmup_steps, last), last};
}

TraceWindow trace_window(const EventLog& log, const StepRange& range)
{
  int last_logged = -1;
  for (const auto& s : log.steps)
    last_logged = std::max(last_logged, s.step);
  TraceWindow w;
  w.first_step = range.all ? 0 : range.first;
  w.last_step = range.all ? last_logged : range.last;
  if (w.last_step > last_logged)
    throw InputError("", "--trace-steps",
                     "steps " + std::to_string(w.first_step) + ":" + std::to_string(w.last_step) +
                         " are not all in the run (last step " + std::to_string(last_logged) + ")");
  const StepSpan span = step_span(log, w.first_step, w.last_step);
  w.t0_s = span.t0_s;
  w.t1_s = span.t1_s;
  if (!(w.t1_s > w.t0_s))
    throw InputError("", "--trace-steps", "the window of steps " + std::to_string(w.first_step) + ":" +
                                              std::to_string(w.last_step) + " is empty");
  return w;
}

} // namespace afdsim

#pragma once
// A sweep spec: a base scenario, overrides every point shares, axes whose product gives the
// points (or several grids, each a product of its own axes with its own overrides: AFD and
// colocated baselines in one study), and filters that skip infeasible points (docs/sweep.md). The loader is as strict as the
// scenario loader: every problem is an InputError "<file>:<line>:<col>: <dotted.key>: <reason>",
// and nothing downstream needs to check the spec again.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace afdsim {

// One swept scenario key and its values, each as the YAML text `--set KEY=VALUE` takes.
struct AxisKey {
  std::string key;                  // dotted scenario key
  std::vector<std::string> values;  // flow-style YAML text: "4", "h100-sxm", "[n1-gpu0]"
  std::string where;                // position of the key in the spec, and its path ("axes[1].key"),
  std::string path;                 // for messages about it
};

// One axis of the product: a single key, or several zipped keys that vary together (equal lengths).
struct SweepAxis {
  std::vector<AxisKey> keys;
  size_t size() const { return keys.front().values.size(); }
};

enum class FilterKind { memory_fits, at_most, at_least };

// A point is skipped when a filter does not hold for its resolved scenario.
struct SweepFilter {
  FilterKind kind = FilterKind::memory_fits;
  std::string key;                  // at_most / at_least: dotted key of the resolved scenario
  std::optional<double> bound;      // a number ...
  std::string bound_key;            // ... or another key of the resolved scenario
  std::string text;                 // as the spec wrote it, for skip reasons: "deployment.microbatches at_most 4"
};

// One product of axes. A spec with top-level `axes` has one grid, named "".
struct SweepGrid {
  std::string name;
  std::vector<std::string> sets;    // "KEY=VALUE", the grid's own `set`, after the spec's
  std::vector<SweepAxis> axes;      // the first varies slowest
  size_t size() const;              // product of the axis sizes
};

struct SweepSpec {
  std::string source_file;
  std::string name;                 // default: the spec file's stem
  std::string description;
  std::string base_file;            // as written (relative to the spec's folder)
  std::string resolved_base_file;   // the path `afdsim run` is given
  std::vector<std::string> sets;    // "KEY=VALUE" for every point, before the axes: the spec's `set`, then --set
  std::vector<SweepGrid> grids;     // points: grid 0's product, then grid 1's, ...
  std::vector<SweepFilter> filters;
  uint64_t base_hash = 0;           // of the base scenario's bytes: point ids change when it does
};

// A spec of more points than this is refused: it is a typo, not a study.
constexpr size_t kMaxSweepPoints = 1'000'000;

// Reads the spec at `path`; `cli_sets` (--set of `afdsim sweep`) are appended to its `set`.
SweepSpec load_sweep_spec(const std::string& path, const std::vector<std::string>& cli_sets = {});

// Loads spec text; `source_name` names it in messages (and gives the default name); a relative
// `base` resolves against `base_dir` ("" = the current directory). Reads the base scenario.
SweepSpec load_sweep_spec_text(const std::string& text, const std::string& source_name, const std::string& base_dir,
                               const std::vector<std::string>& cli_sets = {});

// The dotted keys of the axes, zipped keys flattened, in order of first appearance over the
// grids: the parameter columns.
std::vector<std::string> parameter_keys(const SweepSpec& spec);

// Sum over the grids of the product of their axis sizes.
size_t point_count(const SweepSpec& spec);

} // namespace afdsim

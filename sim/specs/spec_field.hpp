#pragma once
// A table of a spec's fields: one entry per scalar, so that YAML overrides, `afdsim presets` and
// the resolved scenario all walk the same list instead of naming every field three times.
#include "sim/specs/dtype.hpp"
#include "sim/util/errors.hpp"

#include <string>
#include <variant>
#include <vector>

namespace afdsim {

template <class Spec>
struct SpecField {
  using Member = std::variant<int Spec::*, double Spec::*, bool Spec::*, Dtype Spec::*>;
  std::string key;  // YAML key; carries its unit (_gb, _us, _tflops, _gb_per_s)
  Member member;
  double min = 0;   // inclusive bounds for numbers
  double max = 0;
  std::string doc;  // meaning and unit, shown by `afdsim presets`
};

// The preset called `name`; an InputError naming the known ones otherwise. `kind` is "model" or
// "hardware".
template <class Spec>
const Spec& find_preset(const std::vector<Spec>& presets, const std::string& name, const char* kind)
{
  std::string known;
  for (const auto& p : presets) {
    if (p.name == name)
      return p;
    known += (known.empty() ? "" : ", ") + p.name;
  }
  throw InputError("", "", std::string("unknown ") + kind + " preset '" + name + "' (known: " + known + ")");
}

} // namespace afdsim

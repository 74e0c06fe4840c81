#pragma once
// One field of a spec set from command-line text ("gemm_mfu=0.7"), within the field's bounds:
// `afdsim calibrate --set`. Scenario files set fields through the YAML loader instead.
#include "sim/config/number_text.hpp"
#include "sim/specs/spec_field.hpp"

#include <string>
#include <type_traits>

namespace afdsim {

// `assignment` is KEY=VALUE; InputError(flag, KEY, reason) for an unknown key or a bad value.
template <class Spec>
void set_spec_field(Spec& spec, const std::vector<SpecField<Spec>>& fields, const std::string& assignment,
                    const std::string& flag)
{
  const size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError(flag, "", "expected KEY=VALUE, got '" + assignment + "'");
  const std::string key = assignment.substr(0, eq);
  const std::string text = assignment.substr(eq + 1);
  for (const auto& f : fields) {
    if (f.key != key)
      continue;
    std::visit(
        [&](auto member) {
          auto& value = spec.*member;
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, Dtype>) {
            const auto d = parse_dtype(text);
            if (!d)
              throw InputError(flag, key, "must be one of: fp8, bf16; got '" + text + "'");
            value = *d;
          } else if constexpr (std::is_same_v<T, bool>) {
            if (text != "true" && text != "false")
              throw InputError(flag, key, "must be true or false, got '" + text + "'");
            value = text == "true";
          } else {
            const auto v = std::is_same_v<T, int> ? integral_value(text) : parse_double(text);
            if (!v || *v < f.min || *v > f.max)
              throw InputError(flag, key, std::string("must be ") + (std::is_same_v<T, int> ? "an integer" : "a number") +
                                              " in [" + format_number(f.min) + ", " + format_number(f.max) + "], got '" +
                                              text + "'");
            value = static_cast<T>(*v);
          }
        },
        f.member);
    return;
  }
  std::string known;
  for (const auto& f : fields)
    known += (known.empty() ? "" : ", ") + f.key;
  throw InputError(flag, key, "unknown field; the fields are: " + known);
}

} // namespace afdsim

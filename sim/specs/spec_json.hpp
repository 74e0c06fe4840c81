#pragma once
// A spec's fields as a JSON object (dtypes as their names), for `afdsim presets` and the report.
#include "sim/specs/spec_field.hpp"

#include <nlohmann/json.hpp>

#include <type_traits>
#include <vector>

namespace afdsim {

template <class Spec>
nlohmann::json spec_field_json(const Spec& spec, const SpecField<Spec>& field)
{
  return std::visit(
      [&](auto member) -> nlohmann::json {
        const auto& value = spec.*member;
        if constexpr (std::is_same_v<std::decay_t<decltype(value)>, Dtype>)
          return to_string(value);
        else
          return value;
      },
      field.member);
}

template <class Spec>
nlohmann::json spec_fields_json(const Spec& spec, const std::vector<SpecField<Spec>>& fields)
{
  nlohmann::json j = nlohmann::json::object();
  for (const auto& field : fields)
    j[field.key] = spec_field_json(spec, field);
  return j;
}

} // namespace afdsim

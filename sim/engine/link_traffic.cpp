#include "sim/engine/link_traffic.hpp"

#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>

#include <algorithm>
#include <tuple>

namespace afdsim {

size_t LinkTraffic::route_number(const simgrid::s4u::Host* src, const simgrid::s4u::Host* dst)
{
  const auto key = std::make_pair(src, dst);
  auto it = routes_.find(key);
  if (it != routes_.end())
    return it->second;
  std::vector<simgrid::s4u::Link*> links;
  double latency_s = 0;
  src->route_to(dst, links, &latency_s);
  RouteLinks seen;
  seen.latency_s = latency_s;
  for (const simgrid::s4u::Link* link : links) {
    auto [pos, inserted] = link_index_.emplace(link, links_.size());
    if (inserted)
      links_.push_back({link->get_name(), link->get_bandwidth(), 0.0});
    seen.links.push_back(pos->second);
  }
  route_links_.push_back(std::move(seen));
  return routes_.emplace(key, route_links_.size() - 1).first->second;
}

void LinkTraffic::add(size_t route, double bytes)
{
  for (size_t i : route_links_.at(route).links)
    links_[i].bytes += bytes;
}

std::vector<SimulationResult::LinkUse> LinkTraffic::usage() const
{
  std::vector<SimulationResult::LinkUse> used;
  for (const auto& link : links_)
    if (link.bytes > 0)
      used.push_back(link);
  std::sort(used.begin(), used.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return used;
}

std::vector<SimulationResult::Route> LinkTraffic::routes() const
{
  std::vector<SimulationResult::Route> out;
  for (const auto& [hosts, number] : routes_) {
    const RouteLinks& seen = route_links_[number];
    SimulationResult::Route r{hosts.first->get_name(), hosts.second->get_name(), seen.latency_s, 0.0, {}};
    for (size_t i : seen.links) {
      const double bandwidth = links_[i].bandwidth_bytes_per_s;
      r.bandwidth_bytes_per_s = r.links.empty() ? bandwidth : std::min(r.bandwidth_bytes_per_s, bandwidth);
      r.links.push_back({links_[i].name, bandwidth});
    }
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.from_host, a.to_host) < std::tie(b.from_host, b.to_host);
  });
  return out;
}

} // namespace afdsim

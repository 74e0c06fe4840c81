#pragma once
// What every actor of one simulation writes into, whatever the deployment: the event log, the
// bytes each link carried, and the first exception an actor raised.
#include "sim/engine/link_traffic.hpp"
#include "sim/metrics/event_log.hpp"

#include <exception>

namespace afdsim {

struct RunState {
  EventLog log;
  LinkTraffic traffic;
  std::exception_ptr failure;  // the first exception an actor caught; the run stops on it
};

} // namespace afdsim

// `socsim validate BOARD [--format text|json|dot]`.
#pragma once

#include <iosfwd>
#include <string>

namespace socsim::app {

struct ValidateOptions {
    std::string board;
    std::string format = "text";   // text | json | dot
};

// Runs validate; diagnostics go to `err`, the rendering to `out`.
// Returns the exit code of INTERFACES.md §2.
int run_validate(const ValidateOptions& opts, std::ostream& out, std::ostream& err);

// `socsim validate --list-settings`: the board `socsim:` keys.
void print_board_settings(std::ostream& out);

}  // namespace socsim::app

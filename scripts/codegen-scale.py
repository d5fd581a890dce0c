#!/usr/bin/env python3
"""Measures what a large model costs the build: generates N entity definitions (default 300) plus
application classes that use them into a temporary project, then times Maven builds:

  single  - definitions and application code in one module (the common setup)
  split   - definitions in a module of their own, the application in a second module

For each layout: a clean `compile`, a no-op `compile`, `compile` after one definition gained a field,
and `compile` after one application class changed. The single layout is also timed with
-Dmaven.compiler.useIncrementalCompilation=false, which (despite the name) makes the compiler plugin
pass only the changed sources to javac.

Usage (from the repository root, after `./mvnw -B -ntp -q verify -pl fluxa-codegen-maven-plugin -am
-DskipTests`, which puts this checkout's runtime and plugin into the plugin's target/it-repo):

    python3 scripts/codegen-scale.py [--entities 300] [--keep]

Nothing is installed into ~/.m2: the temporary project uses target/it-repo as its local repository.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IT_REPO = os.path.join(ROOT, "fluxa-codegen-maven-plugin", "target", "it-repo")
M2 = os.path.expanduser("~/.m2/repository")


def version():
    pom = open(os.path.join(ROOT, "pom.xml"), encoding="utf-8").read()
    return re.search(r"<artifactId>fluxa-parent</artifactId>\s*<version>([^<]+)</version>", pom).group(1)


def definition(package, i, n):
    ref = (i + 1) % n
    return f"""package {package};

import io.fluxa.Reference;
import io.fluxa.annotation.Decimal;
import io.fluxa.annotation.Enum;
import io.fluxa.annotation.FluxaEntity;
import io.fluxa.annotation.Length;
import io.fluxa.annotation.RedisCache;
import io.fluxa.annotation.Required;
import io.fluxa.annotation.SetOf;
import io.fluxa.annotation.Unique;
import io.fluxa.annotation.Unsigned;
import java.math.BigDecimal;
import java.time.Instant;

@FluxaEntity(table = "entity{i}")
@RedisCache
class Entity{i} {{
    long id;
    @Required @Length(100) @Unique(name = "Code", cached = true) String code;
    @Length(200) String name;
    @Unsigned int stock;
    @Decimal(precision = 12, scale = 2) BigDecimal price;
    @Enum(values = {{"draft", "active", "archived"}}) String status;
    @SetOf(values = {{"new", "sale"}}) String tags;
    boolean active;
    Long counter;
    Reference<Entity{ref}> next;
    Instant createdAt;
    Instant updatedAt;
}}
"""


def service(package, entities_package, i):
    return f"""package {package};

import io.fluxa.Context;
import io.fluxa.Where;
import {entities_package}.Entity{i}Entity;
import {entities_package}.Entity{i}Provider;

import java.math.BigDecimal;
import java.util.List;

public class Service{i} {{
    public List<Entity{i}Entity> cheap(Context context) {{
        return Entity{i}Provider.INSTANCE.search(context, Entity{i}Entity.PRICE.lt(BigDecimal.TEN), null);
    }}

    public Entity{i}Entity create(Context context, String code) {{
        Entity{i}Entity e = Entity{i}Provider.INSTANCE.newEntity(context);
        e.setCode(code);
        e.setStock(1);
        return e;
    }}
}}
"""


def pom(artifact, packaging, modules=None, dependency=None, plugin=True, ver="0"):
    mods = "".join(f"<module>{m}</module>" for m in (modules or []))
    dep = ""
    if dependency:
        dep = f"""<dependency><groupId>scale</groupId><artifactId>{dependency}</artifactId>
<version>1</version></dependency>"""
    plug = ""
    if plugin:
        plug = f"""<build><plugins><plugin><groupId>io.fluxa</groupId>
<artifactId>fluxa-codegen-maven-plugin</artifactId><version>{ver}</version>
<executions><execution><goals><goal>generate</goal></goals></execution></executions>
</plugin></plugins></build>"""
    deps = "" if packaging == "pom" else f"""<dependencies><dependency><groupId>io.fluxa</groupId>
<artifactId>fluxa-runtime</artifactId><version>{ver}</version></dependency>{dep}</dependencies>"""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>scale</groupId><artifactId>{artifact}</artifactId><version>1</version>
<packaging>{packaging}</packaging><modules>{mods}</modules>
<properties><maven.compiler.release>17</maven.compiler.release>
<project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
{deps}{plug}</project>
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def project(base, layout, n, ver):
    pkg = "com.example.model"
    ent = pkg + ".entities"
    app = "com.example.app"
    if layout == "single":
        write(os.path.join(base, "pom.xml"), pom("single", "jar", ver=ver))
        src = os.path.join(base, "src/main/java")
        model_src = app_src = src
    else:
        write(os.path.join(base, "pom.xml"), pom("split", "pom", modules=["model", "app"], plugin=False, ver=ver))
        write(os.path.join(base, "model/pom.xml"), pom("model", "jar", ver=ver))
        write(os.path.join(base, "app/pom.xml"), pom("app", "jar", dependency="model", plugin=False, ver=ver))
        model_src = os.path.join(base, "model/src/main/java")
        app_src = os.path.join(base, "app/src/main/java")
    for i in range(n):
        write(os.path.join(model_src, pkg.replace(".", "/"), f"Entity{i}.java"), definition(pkg, i, n))
        write(os.path.join(app_src, app.replace(".", "/"), f"Service{i}.java"), service(app, ent, i))
    return (os.path.join(model_src, pkg.replace(".", "/"), "Entity7.java"),
            os.path.join(app_src, app.replace(".", "/"), "Service7.java"))


def mvn(base, settings, *args):
    # the split project's modules find each other in the reactor; `compile` is enough for that
    cmd = [os.path.join(ROOT, "mvnw"), "-B", "-ntp", "-q", "-s", settings,
           "-Dmaven.repo.local=" + IT_REPO, *args, "compile"]
    start = time.monotonic()
    result = subprocess.run(cmd, cwd=base, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit(f"build failed in {base}: {' '.join(args)}")
    return elapsed


def lines(base):
    total = 0
    for d, _, files in os.walk(base):
        if "generated-sources" in d:
            for f in files:
                with open(os.path.join(d, f), encoding="utf-8") as h:
                    total += sum(1 for _ in h)
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entities", type=int, default=300)
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    options = parser.parse_args()
    if not os.path.isdir(os.path.join(IT_REPO, "io", "fluxa", "fluxa-codegen-maven-plugin")):
        raise SystemExit("run ./mvnw -B -ntp -q verify -pl fluxa-codegen-maven-plugin -am -DskipTests first")
    ver = version()
    work = tempfile.mkdtemp(prefix="fluxa-scale-")
    settings = os.path.join(work, "settings.xml")
    write(settings, f"""<settings><profiles><profile><id>m2</id>
<activation><activeByDefault>true</activeByDefault></activation>
<repositories><repository><id>m2</id><url>file://{M2}</url></repository></repositories>
<pluginRepositories><pluginRepository><id>m2</id><url>file://{M2}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>""")
    results = []
    try:
        for layout in ("single", "split"):
            base = os.path.join(work, layout)
            definition_file, service_file = project(base, layout, options.entities, ver)
            clean = mvn(base, settings)
            generated = lines(base)
            noop = mvn(base, settings)
            with open(definition_file, "a", encoding="utf-8") as f:
                f.write("// changed\n")
            text = open(definition_file, encoding="utf-8").read()
            write(definition_file, text.replace("    Instant updatedAt;", "    Instant updatedAt;\n    int extra;"))
            changed_definition = mvn(base, settings)
            with open(service_file, "a", encoding="utf-8") as f:
                f.write("// changed\n")
            changed_app = mvn(base, settings)
            row = [layout, generated, clean, noop, changed_definition, changed_app]
            if layout == "single":
                text = open(definition_file, encoding="utf-8").read()
                write(definition_file, text.replace("    int extra;", "    int extra;\n    int more;"))
                row.append(mvn(base, settings, "-Dmaven.compiler.useIncrementalCompilation=false"))
                with open(service_file, "a", encoding="utf-8") as f:
                    f.write("// changed again\n")
                row.append(mvn(base, settings, "-Dmaven.compiler.useIncrementalCompilation=false"))
            results.append(row)
    finally:
        if options.keep:
            print("projects kept in", work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{options.entities} definitions; seconds of `mvn compile` (wall clock, one run each)")
    print("| layout | generated lines | clean | nothing changed | one definition changed | one app class changed"
          " | definition changed, stale-only | app class changed, stale-only |")
    print("|---|---|---|---|---|---|---|---|")
    for row in results:
        cells = [row[0], str(row[1])] + [f"{v:.1f}" for v in row[2:]]
        cells += ["—"] * (8 - len(cells))
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()

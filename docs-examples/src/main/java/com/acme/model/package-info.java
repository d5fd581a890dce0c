/**
 * The entity definitions the examples of README.md and docs/*.md use: the plugin generates
 * {@code com.acme.model.entities} from them, and {@code DocExamplesCompileTest} compiles the examples
 * against that code. Add a field here when an example needs it, never to make a wrong example pass.
 */
package com.acme.model;

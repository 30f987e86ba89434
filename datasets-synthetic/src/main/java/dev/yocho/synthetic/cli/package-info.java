/** The datasets-synthetic jar's commands: {@code generate}, {@code summary} and {@code bench generate}. */
package dev.yocho.synthetic.cli;

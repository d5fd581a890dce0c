package io.fluxa.spring.test.scanned;

import org.springframework.stereotype.Component;

/** An application component a Fluxa slice leaves out. */
@Component
public class OtherComponent {
}

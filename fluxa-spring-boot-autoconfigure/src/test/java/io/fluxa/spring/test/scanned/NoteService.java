package io.fluxa.spring.test.scanned;

import org.springframework.stereotype.Service;

/** Included by the slice test's includeFilters. */
@Service
public class NoteService {
}

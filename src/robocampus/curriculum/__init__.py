"""Curriculum: programs, courses, modules, lessons and lab exercises, mapped
to competency units (NCS structure: unit, element, performance criteria)."""

// Whole-system tests start servers and browsers: give each test room, per project.
jest.setTimeout(120_000);
